import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, isAppError } from "../../domain/errors.ts";
import {
  effectivePolicy,
  PUBLISH_POLICIES,
  PUBLISH_POLICY_LABELS,
  type PublishPolicy,
} from "../../domain/publish-policy.ts";
import { SOURCE_MODES, type Source, type SourceMode } from "../../domain/source.ts";
import { deskTimeOrNever as when } from "../desk-time.ts";
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
import {
  addSource,
  editSource,
  exportOpml,
  importOpml,
  setSourceEnabled,
  type WireActionDeps,
} from "../wire-actions.ts";

export const SPARK_DAYS = 14;

export interface SourcesAdminDeps extends WireActionDeps {
  activity(days: number, now: Date): Promise<Map<number, number[]>>;
  siteName: string;
}

const NOTICES: Record<string, string> = {
  added: "Source added: it is fetched on the next scheduler tick.",
  saved: "Source saved.",
  enabled: "Source enabled: it is fetched again.",
  disabled: "Source disabled: it is no longer fetched.",
};

/** Items per day as a small line, with the numbers said in words for those who cannot see it. */
export function Sparkline(props: { series: readonly number[]; label: string }) {
  const { series } = props;
  const w = 112;
  const h = 24;
  const max = Math.max(1, ...series);
  const step = series.length > 1 ? w / (series.length - 1) : w;
  const points = series
    .map((n, i) => `${(i * step).toFixed(1)},${(h - 2 - (n / max) * (h - 4)).toFixed(1)}`)
    .join(" ");
  const total = series.reduce((a, b) => a + b, 0);
  const text = `${props.label}: ${total} items in ${series.length} days, ${series.join(", ")} a day, oldest first`;
  return (
    <svg
      class="sa-spark"
      viewBox={`0 0 ${w} ${h}`}
      width={w}
      height={h}
      role="img"
      aria-label={text}
    >
      <title>{text}</title>
      <polyline points={points} fill="none" stroke="currentColor" stroke-width="1.5" />
    </svg>
  );
}

function PolicySelect(props: { id: string; value: PublishPolicy | null }) {
  return (
    <select id={props.id} name="policy">
      <option value="default" selected={props.value === null}>
        The mode's default (full: publish when clean; link: always)
      </option>
      {PUBLISH_POLICIES.map((p) => (
        <option key={p} value={p} selected={props.value === p}>
          {PUBLISH_POLICY_LABELS[p]}
        </option>
      ))}
    </select>
  );
}

function SourceFields(props: { source: Source | null; prefix: string }) {
  const s = props.source;
  const id = (name: string) => `${props.prefix}-${name}`;
  return (
    <>
      <div>
        <label for={id("url")}>Feed address</label>
        <input
          id={id("url")}
          name="url"
          type="url"
          required
          maxLength={2000}
          value={s?.url ?? ""}
        />
      </div>
      <div>
        <label for={id("title")}>Title</label>
        <input id={id("title")} type="text" name="title" maxLength={200} value={s?.title ?? ""} />
      </div>
      <div>
        <label for={id("mode")}>Mode</label>
        <select id={id("mode")} name="mode">
          {SOURCE_MODES.map((m) => (
            <option key={m} value={m} selected={(s?.mode ?? "link") === m}>
              {m === "full" ? "full: republish the text" : "link: headline, summary and a link out"}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for={id("policy")}>Publish policy</label>
        <PolicySelect id={id("policy")} value={s?.publishPolicy ?? null} />
      </div>
      <div>
        <label for={id("section")}>Section</label>
        <input
          id={id("section")}
          type="text"
          name="section"
          maxLength={80}
          value={s?.sectionSlug ?? "News"}
        />
      </div>
      <div>
        <label for={id("language")}>Language (code, optional)</label>
        <input
          id={id("language")}
          type="text"
          name="language"
          maxLength={12}
          value={s?.languageHint ?? ""}
        />
      </div>
      <div>
        <label for={id("min")}>Fetch at most every (seconds)</label>
        <input
          id={id("min")}
          type="text"
          name="min_interval"
          inputMode="numeric"
          value={String(s?.minIntervalSeconds ?? 300)}
        />
      </div>
      <div>
        <label for={id("max")}>Fetch at least every (seconds)</label>
        <input
          id={id("max")}
          type="text"
          name="max_interval"
          inputMode="numeric"
          value={String(s?.maxIntervalSeconds ?? 3600)}
        />
      </div>
    </>
  );
}

function SourcesPage(props: {
  ctx: PageContext;
  sources: Source[];
  activity: Map<number, number[]>;
  notice: string | null;
  error: string | null;
}) {
  const { ctx } = props;
  return (
    <NewsroomLayout ctx={ctx} title="Sources">
      <h1>Sources</h1>
      <p>
        <a href="/newsroom/sources.opml">Export all as OPML</a>
      </p>
      <FormError message={props.error} />
      <Notice message={props.notice} />
      <section aria-labelledby="sa-list">
        <h2 id="sa-list">
          {props.sources.length} {props.sources.length === 1 ? "source" : "sources"}
        </h2>
        {props.sources.length === 0 ? <p>No source yet: add one below.</p> : null}
        <ul class="sa-list">
          {props.sources.map((s) => {
            const series = props.activity.get(s.id) ?? new Array<number>(SPARK_DAYS).fill(0);
            return (
              <li key={s.id} class="sa-item">
                <div class="wd-head">
                  <a href={`/newsroom/sources/${s.id}`}>{s.title ?? s.url}</a>
                  <span class="nr-badge">{s.mode}</span>
                  <span class="nr-badge">{PUBLISH_POLICY_LABELS[effectivePolicy(s)]}</span>
                  {s.enabled ? null : <span class="nr-badge wd-held">disabled</span>}
                </div>
                <p class="sa-url nr-muted">{s.url}</p>
                <dl class="sa-health">
                  <div>
                    <dt>Last success</dt>
                    <dd>{when(s.health.lastSuccessAt)}</dd>
                  </div>
                  <div>
                    <dt>Last error</dt>
                    <dd>
                      {s.health.lastErrorAt
                        ? `${when(s.health.lastErrorAt)}: ${s.health.lastErrorCode ?? ""} ${s.health.lastError ?? ""}`
                        : "none"}
                    </dd>
                  </div>
                  <div>
                    <dt>Warnings</dt>
                    <dd>
                      {/* Read despite a problem (cut off, items skipped): not a failure. */}
                      {(s.health.warnings ?? []).map((w) => w.message).join("; ") || "none"}
                    </dd>
                  </div>
                  <div>
                    <dt>Items per day, {SPARK_DAYS} days</dt>
                    <dd>
                      <Sparkline series={series} label={s.title ?? s.url} />
                    </dd>
                  </div>
                </dl>
                {s.enabled ? null : s.health.disabledReason ? (
                  <p class="nr-muted">{s.health.disabledReason}</p>
                ) : null}
                <div class="nr-actions">
                  <a href={`/newsroom/sources/${s.id}`}>Edit</a>
                  <PostButton
                    action={`/newsroom/sources/${s.id}/enabled`}
                    csrf={ctx.csrf}
                    label={s.enabled ? "Disable" : "Enable"}
                    variant={s.enabled ? "danger" : "secondary"}
                    fields={{ enabled: s.enabled ? "0" : "1" }}
                  />
                </div>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="sa-add">
        <h2 id="sa-add">Add a source</h2>
        <form method="post" action="/newsroom/sources" class="nr-form">
          <CsrfField token={ctx.csrf} />
          <SourceFields source={null} prefix="add" />
          <div>
            <button type="submit">Add source</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="sa-import">
        <h2 id="sa-import">Import OPML</h2>
        <form method="post" action="/newsroom/sources/import" class="nr-form">
          <CsrfField token={ctx.csrf} />
          <div>
            <label for="opml-text">Paste an OPML document</label>
            <textarea id="opml-text" name="opml" rows={6} />
          </div>
          <div>
            <label for="opml-mode">Mode of the new sources</label>
            <select id="opml-mode" name="mode">
              <option value="link">link</option>
              <option value="full">full</option>
            </select>
          </div>
          <div>
            <button type="submit">Import</button>
          </div>
        </form>
        <form
          method="post"
          action="/newsroom/sources/import-file"
          class="nr-form"
          encType="multipart/form-data"
        >
          <CsrfField token={ctx.csrf} />
          <div>
            <label for="opml-file">Or upload an OPML file</label>
            <input
              id="opml-file"
              name="file"
              type="file"
              accept=".opml,.xml,text/x-opml,application/xml,text/xml"
            />
          </div>
          <input type="hidden" name="mode" value="link" />
          <div>
            <button type="submit">Upload and import</button>
          </div>
        </form>
      </section>
    </NewsroomLayout>
  );
}

function EditPage(props: { ctx: PageContext; source: Source; error: string | null }) {
  const { ctx, source } = props;
  return (
    <NewsroomLayout ctx={ctx} title={`Source ${source.title ?? source.url}`}>
      <p class="lb-crumbs">
        <a href="/newsroom/sources">Sources</a>
      </p>
      <h1>{source.title ?? source.url}</h1>
      <FormError message={props.error} />
      <form method="post" action={`/newsroom/sources/${source.id}`} class="nr-form">
        <CsrfField token={ctx.csrf} />
        <SourceFields source={source} prefix="edit" />
        <div>
          <button type="submit">Save</button>
        </div>
      </form>
    </NewsroomLayout>
  );
}

/** `/newsroom/sources` (admins): health, add, edit, disable, publish policy, OPML in and out. */
export function registerSourcesAdmin(
  app: FastifyInstance,
  kit: NewsroomKit,
  deps: SourcesAdminDeps,
) {
  kit.nav.push({ href: "/newsroom/sources", label: "Sources", access: "admin" });
  const access = { access: "admin" } as const;

  const list = async (
    request: FastifyRequest,
    reply: FastifyReply,
    error: string | null = null,
    status = 200,
    notice: string | null = null,
  ) => {
    const [sources, activity] = await Promise.all([
      deps.sources.list(),
      deps.activity(SPARK_DAYS, new Date()),
    ]);
    const done = (request.query as { done?: string } | undefined)?.done ?? "";
    return kit.send(
      reply,
      <SourcesPage
        ctx={kit.ctx(request)}
        sources={sources}
        activity={activity}
        notice={error ? null : (notice ?? NOTICES[done] ?? null)}
        error={error}
      />,
      status,
    );
  };
  const refused = (error: unknown) => isAppError(error) && error.status === 400;

  app.get("/newsroom/sources", { config: access }, (request, reply) => list(request, reply));

  app.post("/newsroom/sources", { config: access }, async (request, reply) => {
    try {
      await addSource(request, kit, deps, readForm(request.body));
    } catch (error) {
      if (refused(error)) return list(request, reply, (error as Error).message, 400);
      throw error;
    }
    return reply.redirect("/newsroom/sources?done=added", 303);
  });

  app.get("/newsroom/sources.opml", { config: access }, async (_request, reply) =>
    reply
      .header("content-type", "text/x-opml; charset=utf-8")
      .header("content-disposition", 'attachment; filename="sources.opml"')
      .header("cache-control", "no-store")
      .send(await exportOpml(deps, `${deps.siteName} sources`)),
  );

  const imported = async (
    request: FastifyRequest,
    reply: FastifyReply,
    text: string,
    mode: string,
  ) => {
    if (!(SOURCE_MODES as readonly string[]).includes(mode))
      return list(request, reply, `mode must be one of ${SOURCE_MODES.join(", ")}`, 400);
    let result: Awaited<ReturnType<typeof importOpml>>;
    try {
      result = await importOpml(request, kit, deps, text, mode as SourceMode);
    } catch (error) {
      if (refused(error)) return list(request, reply, (error as Error).message, 400);
      throw error;
    }
    const refusedText = result.refused.map((r) => `${r.url} (${r.reason})`).join("; ");
    return list(
      request,
      reply,
      null,
      200,
      `OPML imported: ${result.added.length} added, ${result.existing.length} already there${
        result.refused.length > 0 ? `, ${result.refused.length} refused: ${refusedText}` : ""
      }.`,
    );
  };

  app.post("/newsroom/sources/import", { config: access }, async (request, reply) => {
    const form = readForm(request.body);
    return imported(
      request,
      reply,
      form.raw("opml", 5 * 1024 * 1024),
      form.text("mode", 10) || "link",
    );
  });

  app.register(async (child) => {
    const multipart = (await import("@fastify/multipart")).default;
    await child.register(multipart, {
      attachFieldsToBody: "keyValues",
      limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 10 },
    });
    child.post("/newsroom/sources/import-file", { config: access }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const file = body.file;
      const text = Buffer.isBuffer(file)
        ? file.toString("utf8")
        : typeof file === "string"
          ? file
          : "";
      const mode = typeof body.mode === "string" ? body.mode : "link";
      return imported(request, reply, text, mode);
    });
  });

  app.get("/newsroom/sources/:id", { config: access }, async (request, reply) => {
    const source = await deps.sources.get(idParam(request));
    if (!source) throw new AppError("not_found", "no such source", { status: 404 });
    return kit.send(reply, <EditPage ctx={kit.ctx(request)} source={source} error={null} />);
  });

  app.post("/newsroom/sources/:id", { config: access }, async (request, reply) => {
    const id = idParam(request);
    try {
      await editSource(request, kit, deps, id, readForm(request.body));
    } catch (error) {
      const source = await deps.sources.get(id);
      if (refused(error) && source)
        return kit.send(
          reply,
          <EditPage ctx={kit.ctx(request)} source={source} error={(error as Error).message} />,
          400,
        );
      throw error;
    }
    return reply.redirect("/newsroom/sources?done=saved", 303);
  });

  app.post("/newsroom/sources/:id/enabled", { config: access }, async (request, reply) => {
    const id = idParam(request);
    const raw = readForm(request.body).text("enabled", 1);
    if (raw !== "0" && raw !== "1") return list(request, reply, "enabled must be 0 or 1", 400);
    await setSourceEnabled(request, kit, deps, id, raw === "1");
    return reply.redirect(`/newsroom/sources?done=${raw === "1" ? "enabled" : "disabled"}`, 303);
  });
}
