import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  BOOST_MAX,
  BOOST_MIN,
  createFrontPageRepository,
  type FrontPageRepository,
  type FrontStory,
} from "../../db/front-page-repository.ts";
import type { StoryRepository } from "../../db/story-repository.ts";
import { AppError, isAppError } from "../../domain/errors.ts";
import { rankStories } from "../../enrich/ranking.ts";
import { TOP_STORIES } from "../../site/routes/home.tsx";
import { storyPath } from "../../site/story-list.tsx";
import { readForm } from "../form.ts";
import type { NewsroomKit } from "../kit.ts";
import {
  CsrfField,
  FormError,
  NewsroomLayout,
  Notice,
  type PageContext,
  PostButton,
} from "../layout.tsx";
import { idParam } from "../request-checks.ts";
import { type FrontPageDeps, registerSections } from "./sections.tsx";

const NOTICES: Record<string, string> = {
  pinned: "Pinned: the story leads the home page.",
  unpinned: "Unpinned.",
  boosted: "Boost saved.",
  hidden: "Hidden: the story is off the home page and story lists; its own page still answers.",
  shown: "The story is back.",
};

function StoryRow(props: { story: FrontStory; csrf: string; rank?: number }) {
  const { story, csrf } = props;
  const base = `/newsroom/front/stories/${story.id}`;
  return (
    <li class="fp-story">
      <div class="fp-story-head">
        {props.rank !== undefined ? <span class="fp-rank">{props.rank}.</span> : null}
        <a href={storyPath(story)}>{story.title}</a>
        <span class="nr-muted">
          {" "}
          · {story.sourceCount} {story.sourceCount === 1 ? "source" : "sources"}
        </span>
        {story.pinned ? <span class="nr-badge">pinned</span> : null}
        {story.boost !== 0 ? (
          <span class="nr-badge">boost {story.boost > 0 ? `+${story.boost}` : story.boost}</span>
        ) : null}
        {story.hidden ? <span class="nr-badge">hidden</span> : null}
      </div>
      <div class="nr-actions">
        <PostButton
          action={`${base}/pin`}
          csrf={csrf}
          label={story.pinned ? "Unpin" : "Pin"}
          variant="secondary"
          fields={{ pinned: story.pinned ? "0" : "1" }}
        />
        <form method="post" action={`${base}/boost`} class="fp-boost">
          <CsrfField token={csrf} />
          <label for={`boost-${story.id}`}>Boost</label>
          <input
            id={`boost-${story.id}`}
            type="number"
            name="boost"
            min={BOOST_MIN}
            max={BOOST_MAX}
            step={1}
            value={String(story.boost)}
          />
          <button type="submit" class="secondary">
            Set boost
          </button>
        </form>
        <PostButton
          action={`${base}/hide`}
          csrf={csrf}
          label={story.hidden ? "Unhide" : "Hide"}
          variant={story.hidden ? "secondary" : "danger"}
          fields={{ hidden: story.hidden ? "0" : "1" }}
        />
      </div>
    </li>
  );
}

function FrontPagePage(props: {
  ctx: PageContext;
  home: FrontStory[];
  adjusted: FrontStory[];
  others: FrontStory[];
  notice: string | null;
  error: string | null;
}) {
  const { ctx } = props;
  return (
    <NewsroomLayout ctx={ctx} title="Front page">
      <h1>Front page</h1>
      <p>
        <a href="/newsroom/front/sections">Sections: create, rename, order, hide</a> ·{" "}
        <a href="/">The home page as readers see it</a>
      </p>
      <FormError message={props.error} />
      <Notice message={props.notice} />
      <section aria-labelledby="fp-home">
        <h2 id="fp-home">On the home page now</h2>
        <p class="nr-muted">
          Top stories in the order readers see them. A pin puts a story above every unpinned one; a
          boost ({BOOST_MIN} to +{BOOST_MAX}) adds to its score.
        </p>
        {props.home.length === 0 ? (
          <p>No story is on the home page yet.</p>
        ) : (
          <ol class="fp-list">
            {props.home.map((s, i) => (
              <StoryRow key={s.id} story={s} csrf={ctx.csrf} rank={i + 1} />
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="fp-adjusted">
        <h2 id="fp-adjusted">Pinned, boosted or hidden</h2>
        {props.adjusted.length === 0 ? (
          <p>No story has an editor's setting.</p>
        ) : (
          <ul class="fp-list">
            {props.adjusted.map((s) => (
              <StoryRow key={s.id} story={s} csrf={ctx.csrf} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="fp-others">
        <h2 id="fp-others">Other stories of the last 48 hours</h2>
        {props.others.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul class="fp-list">
            {props.others.map((s) => (
              <StoryRow key={s.id} story={s} csrf={ctx.csrf} />
            ))}
          </ul>
        )}
      </section>
    </NewsroomLayout>
  );
}

async function showFrontPage(
  request: FastifyRequest,
  reply: FastifyReply,
  kit: NewsroomKit,
  deps: { stories: StoryRepository; frontPage: FrontPageRepository },
  error: string | null = null,
  status = 200,
) {
  const [top, adjusted, recent] = await Promise.all([
    deps.stories.top(TOP_STORIES, rankStories),
    deps.frontPage.adjusted(50),
    deps.frontPage.recent(60),
  ]);
  const byId = new Map([...adjusted, ...recent].map((s) => [s.id, s]));
  const home = await Promise.all(
    top.map(async (t) => byId.get(t.story.id) ?? (await deps.frontPage.get(t.story.id))),
  );
  const onHome = new Set(top.map((t) => t.story.id));
  const adjustedIds = new Set(adjusted.map((s) => s.id));
  const query = request.query as { done?: string };
  return kit.send(
    reply,
    <FrontPagePage
      ctx={kit.ctx(request)}
      home={home.filter((s): s is FrontStory => s !== null)}
      adjusted={adjusted.filter((s) => !onHome.has(s.id))}
      others={recent.filter((s) => !onHome.has(s.id) && !adjustedIds.has(s.id)).slice(0, 30)}
      notice={error ? null : (NOTICES[query.done ?? ""] ?? null)}
      error={error}
    />,
    status,
  );
}

/**
 * `/newsroom/front` (editors): the stories on the home page now, with pin, boost and
 * hide; `/newsroom/front/sections` manages the sections. Every change is audited and
 * drops every cached page.
 */
export function registerFrontPage(
  app: FastifyInstance,
  kit: NewsroomKit,
  deps: FrontPageDeps & { stories: StoryRepository },
) {
  const frontPage = createFrontPageRepository(deps.database);
  const local = { stories: deps.stories, frontPage };
  kit.nav.push({ href: "/newsroom/front", label: "Front page", access: "editor" });
  const access = { access: "editor" } as const;

  app.get("/newsroom/front", { config: access }, (request, reply) =>
    showFrontPage(request, reply, kit, local),
  );

  const change = (
    path: string,
    apply: (
      id: number,
      form: ReturnType<typeof readForm>,
    ) => Promise<{ action: string; done: string; summary: string; after: FrontStory | null }>,
  ) =>
    app.post(`/newsroom/front/stories/:id/${path}`, { config: access }, async (request, reply) => {
      const id = idParam(request);
      const before = await frontPage.get(id);
      if (!before) throw new AppError("not_found", `no story #${id}`, { status: 404 });
      let result: Awaited<ReturnType<typeof apply>>;
      try {
        result = await apply(id, readForm(request.body));
      } catch (error) {
        if (isAppError(error) && error.status === 400)
          return showFrontPage(request, reply, kit, local, error.message, 400);
        throw error;
      }
      await kit.audit(request, {
        action: result.action,
        targetType: "story",
        targetId: String(id),
        summary: result.summary,
        before,
        after: result.after,
      });
      deps.published({ articleIds: [], reason: result.action });
      return reply.redirect(`/newsroom/front?done=${result.done}`, 303);
    });

  change("pin", async (id, form) => {
    const pinned = form.text("pinned", 1) === "1";
    await frontPage.setPinned(id, pinned);
    const after = await frontPage.get(id);
    return {
      action: pinned ? "story.pin" : "story.unpin",
      done: pinned ? "pinned" : "unpinned",
      summary: `${pinned ? "pinned" : "unpinned"} "${after?.title ?? id}"`,
      after,
    };
  });
  change("boost", async (id, form) => {
    const raw = form.text("boost", 6);
    const boost = /^[+-]?\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
    await frontPage.setBoost(id, boost);
    const after = await frontPage.get(id);
    return {
      action: "story.boost",
      done: "boosted",
      summary: `boost of "${after?.title ?? id}" set to ${boost}`,
      after,
    };
  });
  change("hide", async (id, form) => {
    const hidden = form.text("hidden", 1) === "1";
    await frontPage.setHidden(id, hidden);
    const after = await frontPage.get(id);
    return {
      action: hidden ? "story.hide" : "story.unhide",
      done: hidden ? "hidden" : "shown",
      summary: `${hidden ? "hid" : "showed again"} "${after?.title ?? id}"`,
      after,
    };
  });

  registerSections(app, kit, deps);
}
