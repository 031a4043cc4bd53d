import type { FastifyInstance, FastifyRequest } from "fastify";
import { Optional, Boolean as TBoolean, Object as TObject, String as TString } from "typebox";
import type { ConsoleEntry } from "../../db/liveblog-console-repository.ts";
import type { NewsroomKit } from "../kit.ts";
import {
  actorOf,
  bodyFields,
  ENTRY_BODY_MAX,
  ENTRY_TITLE_MAX,
  type LiveblogActions,
} from "../liveblog-actions.ts";
import { parseId, refuseInvalid } from "../request-checks.ts";

const Id = TString({ pattern: "^\\d{1,9}$" });
const BlogParams = TObject({ id: Id });
const EntryParams = TObject({ id: Id, entryId: Id });

const entryFields = {
  title: Optional(TString({ maxLength: ENTRY_TITLE_MAX, description: "Optional heading" })),
  keyEvent: Optional(TBoolean({ description: "Listed among the key events" })),
  pinned: Optional(
    TBoolean({ description: "Shown above the updates (editors); unpins any other" }),
  ),
};
const NewEntry = TObject({
  body: TString({
    minLength: 1,
    maxLength: ENTRY_BODY_MAX,
    description: "Markdown (no raw HTML; links http, https, mailto or a path)",
  }),
  ...entryFields,
});
const EntryPatch = TObject({
  body: TString({ minLength: 1, maxLength: ENTRY_BODY_MAX, description: "Markdown" }),
  ...entryFields,
});

const entryJson = {
  type: "object",
  properties: {
    entry: {
      type: "object",
      properties: {
        id: { type: "integer" },
        liveblogId: { type: "integer" },
        title: { type: ["string", "null"] },
        body: { type: "string", description: "Sanitized HTML, as readers get it" },
        bodyMarkdown: { type: ["string", "null"] },
        byline: { type: ["string", "null"] },
        keyEvent: { type: "boolean" },
        pinned: { type: "boolean" },
        postedAt: { type: "string" },
        updatedAt: { type: "string" },
        url: { type: ["string", "null"], description: "The entry's permalink once published" },
      },
    },
  },
};

/**
 * The live-blog write API: post, edit (PATCH: the text, and key event or pin if given)
 * and delete an entry, with a bearer token or a session, through the console's actions.
 * A reporter's token writes only on the blogs that reporter is assigned to.
 */
export function registerLiveblogApi(
  app: FastifyInstance,
  kit: NewsroomKit,
  actions: LiveblogActions,
) {
  const access = "reporter" as const;
  const ids = (request: FastifyRequest) => {
    const p = request.params as { id: string; entryId?: string };
    return { id: parseId(p.id, "live blog"), entryId: parseId(p.entryId ?? "0", "entry") };
  };
  async function out(id: number, entry: ConsoleEntry) {
    const blog = await actions.blog(id);
    return {
      entry: {
        id: entry.id,
        liveblogId: id,
        title: entry.title,
        body: entry.body,
        bodyMarkdown: entry.bodyMarkdown,
        byline: entry.byline,
        keyEvent: entry.keyEvent,
        pinned: entry.pinned,
        postedAt: entry.postedAt,
        updatedAt: entry.updatedAt,
        url: blog.path ? `${blog.path}?entry=${entry.id}#entry-${entry.id}` : null,
      },
    };
  }

  app.post(
    "/api/v1/liveblogs/:id/entries",
    {
      schema: { params: BlogParams, body: NewEntry },
      attachValidation: true,
      config: {
        access,
        openapi: {
          summary: "Post a live-blog entry",
          description:
            "Markdown body, optional title; reporters only on live blogs they are assigned to; 409 when the blog is closed. Answers 201 with the entry.",
          tags: ["liveblogs"],
          response: entryJson,
        },
      },
    },
    async (request, reply) => {
      refuseInvalid(request);
      const { id } = ids(request);
      const entry = await actions.post(actorOf(kit, request), id, bodyFields(request.body));
      return reply
        .code(201)
        .header("cache-control", "no-store")
        .send(await out(id, entry));
    },
  );

  app.patch(
    "/api/v1/liveblogs/:id/entries/:entryId",
    {
      schema: { params: EntryParams, body: EntryPatch },
      attachValidation: true,
      config: {
        access,
        openapi: {
          summary: "Edit a live-blog entry",
          description:
            "Replaces the title and body; keyEvent and pinned change only when given. Reporters edit only their own entries.",
          tags: ["liveblogs"],
          response: entryJson,
        },
      },
    },
    async (request, reply) => {
      refuseInvalid(request);
      const { id, entryId } = ids(request);
      // A pin given here unpins any other entry, as the console's Pin button does.
      const entry = await actions.edit(
        actorOf(kit, request),
        id,
        entryId,
        bodyFields(request.body),
      );
      return reply.header("cache-control", "no-store").send(await out(id, entry));
    },
  );

  app.delete(
    "/api/v1/liveblogs/:id/entries/:entryId",
    {
      schema: { params: EntryParams },
      attachValidation: true,
      config: {
        access,
        openapi: {
          summary: "Delete a live-blog entry",
          description: "Reporters delete only their own entries. Answers 200 with { deleted: id }.",
          tags: ["liveblogs"],
        },
      },
    },
    async (request, reply) => {
      refuseInvalid(request);
      const { id, entryId } = ids(request);
      await actions.remove(actorOf(kit, request), id, entryId);
      return reply.header("cache-control", "no-store").send({ deleted: entryId });
    },
  );
}
