import type { FastifyInstance } from "fastify";
import type { AuditEntry, AuditFilter, AuditRepository } from "../../db/audit-repository.ts";
import { AppError } from "../../domain/errors.ts";
import type { NewsroomKit } from "../kit.ts";
import { NewsroomLayout, type PageContext } from "../layout.tsx";

const PAGE = 50;

interface Filters {
  actor: string;
  action: string;
  target: string;
}

function text(query: Record<string, unknown>, name: string, max: number): string {
  const raw = query[name];
  const value = (Array.isArray(raw) ? raw[0] : raw) ?? "";
  if (typeof value !== "string") return "";
  const trimmed = value.trim();
  if (trimmed.length > max) {
    throw new AppError("field_too_long", `${name} is longer than ${max} characters`, {
      status: 400,
      context: { field: name },
    });
  }
  return trimmed;
}

/** The query string as filters: `target` is `type` or `type:id` (`article:12`). */
export function auditFilter(query: Record<string, unknown>): {
  filters: Filters;
  filter: AuditFilter;
} {
  const filters = {
    actor: text(query, "actor", 300),
    action: text(query, "action", 100),
    target: text(query, "target", 120),
  };
  const before = text(query, "before", 12);
  if (before !== "" && !/^\d{1,12}$/.test(before)) {
    throw new AppError("bad_cursor", "before must be an entry number", {
      status: 400,
      context: { field: "before" },
    });
  }
  const [targetType, ...rest] = filters.target.split(":");
  const targetId = rest.join(":");
  return {
    filters,
    filter: {
      ...(filters.actor ? { actor: filters.actor } : {}),
      ...(filters.action ? { action: filters.action } : {}),
      ...(targetType ? { targetType } : {}),
      ...(targetId ? { targetId } : {}),
      ...(before ? { before: Number(before) } : {}),
      limit: PAGE + 1,
    },
  };
}

/** The fields a change touched, each with its value before and after. */
export function changedFields(
  before: unknown,
  after: unknown,
): { field: string; before: string; after: string }[] {
  const asRecord = (v: unknown): Record<string, unknown> =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : v === null || v === undefined
        ? {}
        : { value: v };
  const b = asRecord(before);
  const a = asRecord(after);
  const show = (v: unknown) => (v === undefined ? "—" : JSON.stringify(v));
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((field) => JSON.stringify(b[field]) !== JSON.stringify(a[field]))
    .map((field) => ({ field, before: show(b[field]), after: show(a[field]) }));
}

function Entry(props: { entry: AuditEntry }) {
  const { entry } = props;
  const changes = changedFields(entry.before, entry.after);
  const target = entry.targetId ? `${entry.targetType}:${entry.targetId}` : entry.targetType;
  return (
    <tr>
      <td>
        <time dateTime={entry.at}>{entry.at.slice(0, 19).replace("T", " ")}</time>
      </td>
      <td>
        <a href={`/newsroom/audit?actor=${encodeURIComponent(entry.actor)}`}>{entry.actor}</a>
      </td>
      <td>
        <a href={`/newsroom/audit?action=${encodeURIComponent(entry.action)}`}>
          <code>{entry.action}</code>
        </a>
      </td>
      <td>
        <a href={`/newsroom/audit?target=${encodeURIComponent(target)}`}>{target}</a>
      </td>
      <td>
        {entry.summary}
        {changes.length > 0 ? (
          <details>
            <summary>Before and after</summary>
            <dl class="au-changes">
              {changes.map((c) => (
                <div key={c.field}>
                  <dt>{c.field}</dt>
                  <dd>
                    <del>{c.before}</del> → <ins>{c.after}</ins>
                  </dd>
                </div>
              ))}
            </dl>
          </details>
        ) : null}
      </td>
    </tr>
  );
}

function AuditPage(props: {
  ctx: PageContext;
  entries: AuditEntry[];
  filters: Filters;
  older: string | null;
}) {
  const { ctx, entries, filters } = props;
  const filtered = filters.actor || filters.action || filters.target;
  return (
    <NewsroomLayout ctx={ctx} title="Audit log">
      <h1>Audit log</h1>
      <p class="nr-muted">
        Every change anyone made, newest first. Nobody can edit or delete it, here or in the
        database.
      </p>
      <form
        method="get"
        action="/newsroom/audit"
        class="nr-form au-filter"
        aria-label="Filter the log"
      >
        <label>
          Who <span class="hint">e-mail address, token:name, cli or system</span>
          <input type="text" name="actor" value={filters.actor} maxLength={300} />
        </label>
        <label>
          What <span class="hint">an action, or a prefix: article.</span>
          <input type="text" name="action" value={filters.action} maxLength={100} />
        </label>
        <label>
          On <span class="hint">a kind, or kind:id (article:12)</span>
          <input type="text" name="target" value={filters.target} maxLength={120} />
        </label>
        <div class="nr-actions">
          <button type="submit">Filter</button>
          {filtered ? (
            <a class="nr-button secondary" href="/newsroom/audit">
              Show all
            </a>
          ) : null}
        </div>
      </form>
      {entries.length === 0 ? (
        <p>{filtered ? "No change matches these filters." : "Nothing has changed yet."}</p>
      ) : (
        <div class="nr-table-wrap">
          <table class="nr-table">
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">On</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <Entry key={entry.id} entry={entry} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.older ? (
        <p>
          <a href={props.older}>Older changes</a>
        </p>
      ) : null}
    </NewsroomLayout>
  );
}

/** `/newsroom/audit` (editors and admins): the log, filtered by who, what and on what. */
export function registerAudit(
  app: FastifyInstance,
  kit: NewsroomKit,
  deps: { audits: AuditRepository },
): void {
  kit.nav.push({ href: "/newsroom/audit", label: "Audit log", access: "editor" });
  app.get("/newsroom/audit", { config: { access: "editor" } }, async (request, reply) => {
    const { filters, filter } = auditFilter(request.query as Record<string, unknown>);
    const rows = await deps.audits.list(filter);
    const entries = rows.slice(0, PAGE);
    const last = entries[entries.length - 1];
    let older: string | null = null;
    if (rows.length > PAGE && last) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
      params.set("before", String(last.id));
      older = `/newsroom/audit?${params}`;
    }
    return kit.send(
      reply,
      <AuditPage ctx={kit.ctx(request)} entries={entries} filters={filters} older={older} />,
    );
  });
}
