import type { FastifyInstance } from "fastify";
import type { Lead } from "../../db/wire-repository.ts";
import { storyPath } from "../../site/story-list.tsx";
import { deskTime } from "../desk-time.ts";
import type { NewsroomKit } from "../kit.ts";
import { NewsroomLayout, type PageContext, PostButton } from "../layout.tsx";
import type { LiveblogActionDeps } from "../liveblog-actions.ts";
import { idParam } from "../request-checks.ts";
import { draftFromStory, liveblogFromStory, type WireActionDeps } from "../wire-actions.ts";

export const LEAD_OUTLETS = 3;
export const LEAD_HOURS = 12;

function whole(raw: unknown, fallback: number, min: number, max: number): number {
  if (typeof raw !== "string" || !/^\d{1,4}$/.test(raw.trim())) return fallback;
  return Math.min(max, Math.max(min, Number(raw)));
}

function LeadsPage(props: { ctx: PageContext; leads: Lead[]; outlets: number; hours: number }) {
  const { ctx } = props;
  return (
    <NewsroomLayout ctx={ctx} title="Leads">
      <h1>Leads</h1>
      <p class="nr-muted">
        Stories that many outlets carry and the newsroom has no article of its own on.
      </p>
      <form
        method="get"
        action="/newsroom/leads"
        class="nr-form wd-filter"
        aria-label="Which stories"
      >
        <div>
          <label for="ld-outlets">At least this many outlets</label>
          <input
            id="ld-outlets"
            name="outlets"
            type="number"
            min={1}
            max={100}
            value={String(props.outlets)}
          />
        </div>
        <div>
          <label for="ld-hours">In the last hours</label>
          <input
            id="ld-hours"
            name="hours"
            type="number"
            min={1}
            max={168}
            value={String(props.hours)}
          />
        </div>
        <div>
          <button type="submit">Show</button>
        </div>
      </form>
      {props.leads.length === 0 ? (
        <p>
          No story with {props.outlets} or more outlets in the last {props.hours} hours lacks an
          article of ours.
        </p>
      ) : (
        <ol class="wd-list">
          {props.leads.map((l) => (
            <li key={l.storyId} class="wd-item">
              <div class="wd-head">
                <a href={storyPath({ id: l.storyId, slug: l.slug })}>{l.title}</a>
              </div>
              <p class="wd-meta nr-muted">
                {l.sourceCount} outlets · {l.articleCount} reports · last seen{" "}
                <time dateTime={l.lastSeenAt}>{deskTime(l.lastSeenAt)}</time> ·{" "}
                <a href={`/newsroom/wire?story=${l.storyId}`}>its items on the wire</a>
              </p>
              <div class="nr-actions">
                <PostButton
                  action={`/newsroom/leads/${l.storyId}/draft`}
                  csrf={ctx.csrf}
                  label="Start a draft"
                />
                <PostButton
                  action={`/newsroom/leads/${l.storyId}/liveblog`}
                  csrf={ctx.csrf}
                  label="Start a live blog"
                  variant="secondary"
                />
              </div>
            </li>
          ))}
        </ol>
      )}
    </NewsroomLayout>
  );
}

/** `/newsroom/leads` (editors): stories to cover, with one click to start a draft. */
export function registerLeads(
  app: FastifyInstance,
  kit: NewsroomKit,
  deps: WireActionDeps & LiveblogActionDeps,
) {
  kit.nav.push({ href: "/newsroom/leads", label: "Leads", access: "editor" });
  const access = { access: "editor" } as const;
  app.get("/newsroom/leads", { config: access }, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const outlets = whole(query.outlets, LEAD_OUTLETS, 1, 100);
    const hours = whole(query.hours, LEAD_HOURS, 1, 168);
    const leads = await deps.wire.leads({
      minOutlets: outlets,
      since: new Date(Date.now() - hours * 3_600_000),
      limit: 100,
    });
    return kit.send(
      reply,
      <LeadsPage ctx={kit.ctx(request)} leads={leads} outlets={outlets} hours={hours} />,
    );
  });
  app.post("/newsroom/leads/:id/draft", { config: access }, async (request, reply) => {
    const id = await draftFromStory(request, kit, deps, idParam(request));
    return reply.redirect(`/newsroom/articles/${id}`, 303);
  });
  app.post("/newsroom/leads/:id/liveblog", { config: access }, async (request, reply) => {
    const id = await liveblogFromStory(request, kit, deps, idParam(request));
    return reply.redirect(`/newsroom/live/${id}`, 303);
  });
}
