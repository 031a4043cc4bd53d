import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config/settings.ts";
import type { Database } from "../../db/connection.ts";
import {
  createWireRepository,
  type WireFacets,
  type WireFilter,
  type WireItem,
  type WireItemFull,
} from "../../db/wire-repository.ts";
import type { LintFinding } from "../../domain/enrichment.ts";
import { AppError, isAppError } from "../../domain/errors.ts";
import { deskTime } from "../desk-time.ts";
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
import type { LiveblogActionDeps } from "../liveblog-actions.ts";
import { idParam } from "../request-checks.ts";
import {
  applyFix,
  currentFindings,
  decide,
  promote,
  readerPath,
  type WireActionDeps,
} from "../wire-actions.ts";
import { highlightSegments } from "../wire-fix.ts";
import { registerLeads } from "./leads.tsx";
import { registerSourcesAdmin } from "./sources-admin.tsx";

const PAGE_SIZE = 50;
const RULE_NAMES = [
  "foreign-fragment",
  "repeated-passage",
  "sentence-break",
  "quote-balance",
  "truncated",
  "boilerplate",
];

const NOTICES: Record<string, string> = {
  fixed: "Fix applied: a new revision is stored.",
  released: "Released: readers see it now.",
  dropped: "Dropped: it stays off the site.",
};

function q(query: unknown, name: string): string {
  const v = (query as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v.trim().slice(0, 200) : "";
}

function readFilter(query: unknown, facets: WireFacets): WireFilter & { page: number } {
  const num = (name: string) => {
    const raw = q(query, name);
    return /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
  };
  const rule = q(query, "finding");
  const page = Math.max(1, num("page") ?? 1);
  return {
    sourceId: num("source"),
    language: facets.languages.includes(q(query, "language")) ? q(query, "language") : undefined,
    section: q(query, "section") || undefined,
    storyId: num("story"),
    rule: RULE_NAMES.includes(rule) ? rule : undefined,
    held: q(query, "held") === "1",
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
    page,
  };
}

function StateBadge(props: { item: WireItem }) {
  const { item } = props;
  if (item.deskStatus === "held") return <span class="nr-badge wd-held">held</span>;
  if (item.deskStatus === "dropped") return <span class="nr-badge">dropped</span>;
  if (item.deskStatus === "published") return <span class="nr-badge">released</span>;
  return <span class="nr-badge">{item.status === "published" ? "published" : item.status}</span>;
}

function pageHref(filter: WireFilter & { page: number }, page: number): string {
  const p = new URLSearchParams();
  if (filter.sourceId !== undefined) p.set("source", String(filter.sourceId));
  if (filter.language) p.set("language", filter.language);
  if (filter.section) p.set("section", filter.section);
  if (filter.storyId !== undefined) p.set("story", String(filter.storyId));
  if (filter.rule) p.set("finding", filter.rule);
  if (filter.held) p.set("held", "1");
  if (page > 1) p.set("page", String(page));
  const s = p.toString();
  return s ? `/newsroom/wire?${s}` : "/newsroom/wire";
}

function WirePage(props: {
  ctx: PageContext;
  items: WireItem[];
  more: boolean;
  facets: WireFacets;
  filter: WireFilter & { page: number };
}) {
  const { ctx, facets, filter } = props;
  return (
    <NewsroomLayout ctx={ctx} title="Wire desk">
      <h1>Wire desk</h1>
      <p class="nr-muted">
        Items from every source, newest first. Items the quality gate held wait here for an editor:
        fix and release them, promote them to a draft, or drop them.{" "}
        <a href="/newsroom/leads">Leads</a>
      </p>
      <form
        method="get"
        action="/newsroom/wire"
        class="nr-form wd-filter"
        aria-label="Filter the wire"
      >
        <div>
          <label for="wd-source">Source</label>
          <select id="wd-source" name="source">
            <option value="">All sources</option>
            {facets.sources.map((s) => (
              <option key={s.id} value={String(s.id)} selected={filter.sourceId === s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="wd-language">Language</label>
          <select id="wd-language" name="language">
            <option value="">All languages</option>
            {facets.languages.map((l) => (
              <option key={l} value={l} selected={filter.language === l}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="wd-section">Section</label>
          <select id="wd-section" name="section">
            <option value="">All sections</option>
            {facets.sections.map((s) => (
              <option key={s.slug} value={s.slug} selected={filter.section === s.slug}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="wd-finding">Lint finding</label>
          <select id="wd-finding" name="finding">
            <option value="">Any or none</option>
            {RULE_NAMES.map((r) => (
              <option key={r} value={r} selected={filter.rule === r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="wd-story">Story number</label>
          <input
            id="wd-story"
            type="text"
            name="story"
            inputMode="numeric"
            value={filter.storyId === undefined ? "" : String(filter.storyId)}
          />
        </div>
        <div class="wd-check">
          <label class="nr-check">
            <input type="checkbox" name="held" value="1" checked={filter.held === true} /> Held only
          </label>
        </div>
        <div>
          <button type="submit">Filter</button> <a href="/newsroom/wire">Clear</a>
        </div>
      </form>
      {props.items.length === 0 ? (
        <p>No item matches.</p>
      ) : (
        <ol class="wd-list">
          {props.items.map((item) => (
            <li
              key={item.id}
              class={item.deskStatus === "held" ? "wd-item wd-item-held" : "wd-item"}
            >
              <div class="wd-head">
                <StateBadge item={item} />
                <a href={`/newsroom/wire/${item.id}`}>{item.headline}</a>
              </div>
              <p class="wd-meta nr-muted">
                {item.sourceTitle ?? "unknown source"} · {item.language} · {item.sectionName}
                {item.storyTitle ? ` · story: ${item.storyTitle}` : ""} ·{" "}
                <time dateTime={item.createdAt}>{deskTime(item.createdAt)}</time>
                {item.findings.length > 0
                  ? ` · ${item.findings.length} ${item.findings.length === 1 ? "finding" : "findings"}`
                  : ""}
              </p>
            </li>
          ))}
        </ol>
      )}
      <nav class="wd-pages" aria-label="Pages">
        {filter.page > 1 ? <a href={pageHref(filter, filter.page - 1)}>Newer</a> : null}
        {props.more ? <a href={pageHref(filter, filter.page + 1)}>Older</a> : null}
      </nav>
    </NewsroomLayout>
  );
}

function Finding(props: { item: WireItemFull; finding: LintFinding; n: number; csrf: string }) {
  const { item, finding, n, csrf } = props;
  const base = {
    version: String(item.version),
    start: String(finding.start),
    end: String(finding.end),
    rule: finding.rule,
  };
  const action = `/newsroom/wire/${item.id}/fix`;
  return (
    <li class="wd-finding" id={`finding-${n}`}>
      <p class="wd-finding-head">
        <a href={`#mark-${n}`}>
          {n + 1}. {finding.rule}
        </a>{" "}
        <span class="nr-badge">{finding.severity}</span>
      </p>
      <p>{finding.message}</p>
      <p class="wd-quote">
        “<span>{finding.text}</span>”
        {finding.fix !== null ? (
          <>
            {" "}
            →{" "}
            {finding.fix === "" ? (
              <em>delete it</em>
            ) : (
              <>
                “<span>{finding.fix}</span>”
              </>
            )}
          </>
        ) : null}
      </p>
      <div class="nr-actions">
        {finding.fix !== null ? (
          <PostButton
            action={action}
            csrf={csrf}
            label="Apply fix"
            fields={{ ...base, choice: "suggested" }}
          />
        ) : null}
        {finding.fix !== "" ? (
          <PostButton
            action={action}
            csrf={csrf}
            label="Delete it"
            variant="secondary"
            fields={{ ...base, choice: "delete" }}
          />
        ) : null}
      </div>
      <form method="post" action={action} class="wd-replace">
        <CsrfField token={csrf} />
        {Object.entries({ ...base, choice: "replace" }).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <label for={`replace-${n}`}>
          {finding.rule === "foreign-fragment" ? "Translation" : "Replace with"}
        </label>
        <input id={`replace-${n}`} type="text" name="replacement" maxLength={2000} required />
        <button type="submit" class="secondary">
          Replace
        </button>
      </form>
    </li>
  );
}

function ItemPage(props: {
  ctx: PageContext;
  item: WireItemFull;
  findings: LintFinding[];
  readerUrl: string | null;
  notice: string | null;
  error: string | null;
}) {
  const { ctx, item, findings } = props;
  const paragraphs = highlightSegments(item.bodyText, findings);
  const version = { version: String(item.version) };
  return (
    <NewsroomLayout ctx={ctx} title={item.headline}>
      <p class="lb-crumbs">
        <a href="/newsroom/wire">Wire desk</a> <span aria-hidden="true">›</span>{" "}
        <StateBadge item={item} />
      </p>
      <h1>{item.headline}</h1>
      <p class="wd-meta nr-muted">
        {item.sourceTitle ?? "unknown source"} · {item.language} · {item.sectionName}
        {item.canonicalUrl ? (
          <>
            {" "}
            · <a href={item.canonicalUrl}>original</a>
          </>
        ) : null}
        {findings.length > 0 ? (
          <>
            {" "}
            · <a href="#wd-findings">{findings.length} findings to fix</a>
          </>
        ) : null}
        {props.readerUrl ? (
          <>
            {" "}
            · <a href={props.readerUrl}>as readers see it</a> ·{" "}
            <a href={`/newsroom/articles/${item.id}/corrections`}>corrections</a>
          </>
        ) : null}
      </p>
      <FormError message={props.error} />
      <Notice message={props.notice} />
      <div class="wd-decide nr-actions">
        {item.status !== "published" ? (
          <PostButton
            action={`/newsroom/wire/${item.id}/release`}
            csrf={ctx.csrf}
            label="Release (publish as is)"
            fields={version}
          />
        ) : null}
        <PostButton
          action={`/newsroom/wire/${item.id}/promote`}
          csrf={ctx.csrf}
          label="Promote to draft"
          variant="secondary"
          fields={version}
        />
        {item.deskStatus !== "dropped" ? (
          <PostButton
            action={`/newsroom/wire/${item.id}/drop`}
            csrf={ctx.csrf}
            label="Drop"
            variant="danger"
            fields={version}
          />
        ) : null}
      </div>
      <div class="wd-item-page">
        <section aria-labelledby="wd-text" class="wd-text">
          <h2 id="wd-text">Text</h2>
          {item.standfirst ? <p class="wd-standfirst">{item.standfirst}</p> : null}
          {paragraphs.map((segments, i) => (
            <p key={i}>
              {segments.map((s, j) =>
                s.finding === null ? (
                  s.text
                ) : (
                  <mark
                    key={j}
                    id={
                      j === segments.findIndex((x) => x.finding === s.finding)
                        ? `mark-${s.finding}`
                        : undefined
                    }
                  >
                    {s.text}
                    <a class="wd-ref" href={`#finding-${s.finding}`}>
                      <span class="nr-sr">finding </span>
                      {(s.finding ?? 0) + 1}
                    </a>
                  </mark>
                ),
              )}
            </p>
          ))}
        </section>
        <section aria-labelledby="wd-findings" class="wd-findings">
          <h2 id="wd-findings">
            {findings.length === 0
              ? "No findings"
              : `${findings.length} ${findings.length === 1 ? "finding" : "findings"}`}
          </h2>
          {findings.length === 0 ? (
            <p>The copy lint finds nothing to fix.</p>
          ) : (
            <ol class="wd-finding-list">
              {findings.map((f, n) => (
                <Finding
                  key={`${f.rule}-${f.start}`}
                  item={item}
                  finding={f}
                  n={n}
                  csrf={ctx.csrf}
                />
              ))}
            </ol>
          )}
        </section>
      </div>
    </NewsroomLayout>
  );
}

/**
 * The wire desk (`/newsroom/wire`, editors), leads (`/newsroom/leads`, editors) and the
 * sources admin (`/newsroom/sources`, admins): issue 12, points 8 and 10.
 */
export function registerWireDesk(
  app: FastifyInstance,
  kit: NewsroomKit,
  deps: Omit<WireActionDeps, "wire"> &
    Pick<LiveblogActionDeps, "liveblogConsole" | "users"> & { database: Database; config: Config },
) {
  const wire = createWireRepository(deps.database);
  const actions: WireActionDeps = {
    wire,
    articles: deps.articles,
    sources: deps.sources,
    newsroomArticles: deps.newsroomArticles,
    published: deps.published,
  };
  kit.nav.push({ href: "/newsroom/wire", label: "Wire", access: "editor" });
  const access = { access: "editor" } as const;

  app.get("/newsroom/wire", { config: access }, async (request, reply) => {
    const facets = await wire.facets();
    const filter = readFilter(request.query, facets);
    const { items, more } = await wire.list(filter);
    return kit.send(
      reply,
      <WirePage ctx={kit.ctx(request)} items={items} more={more} facets={facets} filter={filter} />,
    );
  });

  const showItem = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    error: string | null = null,
    status = 200,
  ) => {
    const item = await wire.get(id);
    if (!item) throw new AppError("not_found", `no wire item #${id}`, { status: 404 });
    const done = q(request.query, "done");
    return kit.send(
      reply,
      <ItemPage
        ctx={kit.ctx(request)}
        item={item}
        findings={currentFindings(item)}
        readerUrl={await readerPath(actions, id)}
        notice={error ? null : (NOTICES[done] ?? null)}
        error={error}
      />,
      status,
    );
  };

  app.get("/newsroom/wire/:id", { config: access }, (request, reply) =>
    showItem(request, reply, idParam(request)),
  );

  const act = (path: string, work: (request: FastifyRequest, id: number) => Promise<string>) =>
    app.post(`/newsroom/wire/:id/${path}`, { config: access }, async (request, reply) => {
      const id = idParam(request);
      let to: string;
      try {
        to = await work(request, id);
      } catch (error) {
        if (
          isAppError(error) &&
          (error.status === 400 || error.status === 409) &&
          (await wire.get(id))
        )
          return showItem(request, reply, id, error.message, error.status);
        throw error;
      }
      return reply.redirect(to, 303);
    });

  act("fix", async (request, id) => {
    await applyFix(request, kit, actions, id, readForm(request.body));
    return `/newsroom/wire/${id}?done=fixed`;
  });
  act("release", async (request, id) => {
    await decide(request, kit, actions, id, readForm(request.body), "release");
    return `/newsroom/wire/${id}?done=released`;
  });
  act("drop", async (request, id) => {
    await decide(request, kit, actions, id, readForm(request.body), "drop");
    return `/newsroom/wire/${id}?done=dropped`;
  });
  act("promote", async (request, id) => {
    const draft = await promote(request, kit, actions, id, readForm(request.body));
    return `/newsroom/articles/${draft}`;
  });

  registerLeads(app, kit, {
    ...actions,
    language: deps.config.siteLanguage,
    liveblogConsole: deps.liveblogConsole,
    users: deps.users,
  });
  registerSourcesAdmin(app, kit, {
    ...actions,
    activity: (days, now) => wire.activity(days, now),
    siteName: deps.config.SITE_NAME,
  });
}
