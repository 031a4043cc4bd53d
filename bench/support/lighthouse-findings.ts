// Turns a Lighthouse report into what someone fixing the site needs: every audit that does
// not pass, with the elements, URLs and figures Lighthouse names, one line each.
import type { Result } from "lighthouse";

export const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Finding {
  page: string;
  id: string;
  title: string;
  categories: string[];
  /** The report group ("metrics", "diagnostics", "hidden" for the insight twins, a11y-…). */
  group: string;
  /** How much the audit counts towards its category's score; 0 means it only advises. */
  weight: number;
  score: number | null;
  mode: string;
  displayValue: string | null;
  /** One line per element, resource or check Lighthouse lists. */
  details: string[];
}

const NOT_SCORED = new Set(["informative", "manual", "notApplicable"]);
const MAX_LINE = 600;
const MAX_LINES = 25;
// Where Lighthouse stores what is only there to draw the report or debug it.
const SKIPPED_KEYS = new Set(["lhId", "path", "boundingRect", "debugData", "entity", "priority"]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_LINE ? `${flat.slice(0, MAX_LINE - 1)}…` : flat;
}

function formatNumber(key: string, n: number): string {
  const rounded = Math.abs(n) >= 10 ? Math.round(n) : Math.round(n * 1000) / 1000;
  return `${key} ${rounded}`;
}

function formatValue(key: string, value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number") return formatNumber(key, value);
  if (typeof value === "boolean") return `${key} ${value}`;
  if (typeof value === "string") return key === "url" ? value : `${key}: ${value}`;
  if (!isRecord(value)) return null;
  switch (value.type) {
    case "node": {
      const parts = [
        typeof value.nodeLabel === "string" ? `"${value.nodeLabel}"` : "",
        typeof value.selector === "string" ? `<${value.selector}>` : "",
        typeof value.snippet === "string" ? value.snippet : "",
        typeof value.explanation === "string" ? `— ${value.explanation}` : "",
      ];
      return parts.filter(Boolean).join(" ");
    }
    case "source-location":
      return `${String(value.url)}:${String(value.line)}:${String(value.column)}`;
    case "url":
    case "code":
    case "text":
      return `${key}: ${String(value.value)}`;
    case "subitems":
      return Array.isArray(value.items)
        ? value.items
            .map((item) => (isRecord(item) ? formatItem(item) : ""))
            .filter(Boolean)
            .join("; ")
        : null;
    default:
      return null;
  }
}

function formatItem(item: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(item)) {
    if (SKIPPED_KEYS.has(key)) continue;
    const text = formatValue(key, value);
    if (text !== null) parts.push(text);
  }
  return clip(parts.join(", "));
}

/** Request chains (network-tree, criticalrequestchain) as one line per request. */
function chainLines(chains: unknown, depth = 0): string[] {
  if (!isRecord(chains)) return [];
  const out: string[] = [];
  for (const node of Object.values(chains)) {
    if (!isRecord(node)) continue;
    const request = isRecord(node.request) ? node.request : node;
    const end =
      typeof node.navStartToEndTime === "number"
        ? `, done at ${Math.round(node.navStartToEndTime)} ms`
        : "";
    out.push(
      `${"  ".repeat(depth)}${String(request.url)} (${String(request.transferSize ?? "?")} B${end})`,
    );
    out.push(...chainLines(node.children, depth + 1));
  }
  return out;
}

/** Flattens any of Lighthouse's detail shapes into readable lines. */
export function detailLines(details: unknown): string[] {
  if (!isRecord(details)) return [];
  switch (details.type) {
    case "table":
    case "opportunity":
      return Array.isArray(details.items)
        ? details.items.filter(isRecord).map(formatItem).filter(Boolean)
        : [];
    case "list":
      return Array.isArray(details.items) ? details.items.flatMap(detailLines) : [];
    case "list-section":
      return [
        ...(typeof details.title === "string" ? [`${details.title}:`] : []),
        ...detailLines(details.value),
      ];
    case "network-tree":
    case "criticalrequestchain":
      return chainLines(details.chains);
    case "checklist":
      return isRecord(details.items)
        ? Object.values(details.items)
            .filter(isRecord)
            .map((check) => `${String(check.label)}: ${check.value ? "yes" : "no"}`)
        : [];
    case "text":
      return typeof details.value === "string" ? [clip(details.value)] : [];
    default:
      // debugdata, screenshot, filmstrip, treemap-data: nothing a reader acts on.
      return [];
  }
}

// A metric's own audit names no element; these informative audits say where the time went.
const CONTEXT: Record<string, string[]> = {
  "total-blocking-time": ["long-tasks", "bootup-time"],
  "largest-contentful-paint": ["largest-contentful-paint-element"],
  "cumulative-layout-shift": ["layout-shifts"],
  "first-contentful-paint": ["render-blocking-insight"],
  "speed-index": ["render-blocking-insight"],
};

function contextLines(lhr: Result, id: string): string[] {
  return (CONTEXT[id] ?? []).flatMap((other) =>
    detailLines(lhr.audits[other]?.details).map((line) => `[${other}] ${line}`),
  );
}

interface Membership {
  categories: string[];
  group: string;
  weight: number;
}

function memberships(lhr: Result): Map<string, Membership> {
  const out = new Map<string, Membership>();
  for (const [categoryId, category] of Object.entries(lhr.categories)) {
    for (const ref of category.auditRefs) {
      const seen = out.get(ref.id);
      if (seen) {
        seen.categories.push(categoryId);
        seen.weight = Math.max(seen.weight, ref.weight);
      } else {
        out.set(ref.id, { categories: [categoryId], group: ref.group ?? "", weight: ref.weight });
      }
    }
  }
  return out;
}

/** Every scored audit of the given categories whose score is under 1, worst first. */
export function findings(lhr: Result, page: string, only: readonly string[]): Finding[] {
  const member = memberships(lhr);
  const out: Finding[] = [];
  for (const audit of Object.values(lhr.audits)) {
    const m = member.get(audit.id);
    if (!m?.categories.some((c) => only.includes(c))) continue;
    if (NOT_SCORED.has(audit.scoreDisplayMode)) continue;
    const failed = audit.scoreDisplayMode === "error" || (audit.score !== null && audit.score < 1);
    if (!failed) continue;
    const lines = [...detailLines(audit.details), ...contextLines(lhr, audit.id)];
    if (audit.errorMessage) lines.unshift(`error: ${audit.errorMessage}`);
    out.push({
      page,
      id: audit.id,
      title: audit.title,
      categories: m.categories,
      group: m.group,
      weight: m.weight,
      score: audit.score,
      mode: audit.scoreDisplayMode,
      displayValue: audit.displayValue ?? null,
      details:
        lines.length > MAX_LINES
          ? [...lines.slice(0, MAX_LINES), `… and ${lines.length - MAX_LINES} more`]
          : lines,
    });
  }
  return out.sort((a, b) => b.weight - a.weight || (a.score ?? -1) - (b.score ?? -1));
}

/** A category's score as the report shows it (0–100), or null when it could not be scored. */
export function categoryScore(lhr: Result, category: string): number | null {
  const score = lhr.categories[category]?.score;
  return typeof score === "number" ? Math.round(score * 100) : null;
}

export interface Metrics {
  fcpMs: number | null;
  lcpMs: number | null;
  tbtMs: number | null;
  cls: number | null;
  speedIndexMs: number | null;
}

export function metrics(lhr: Result): Metrics {
  const value = (id: string) => lhr.audits[id]?.numericValue ?? null;
  return {
    fcpMs: value("first-contentful-paint"),
    lcpMs: value("largest-contentful-paint"),
    tbtMs: value("total-blocking-time"),
    cls: value("cumulative-layout-shift"),
    speedIndexMs: value("speed-index"),
  };
}

export interface ByteWeight {
  /** total-byte-weight: every response, images included. */
  total: number | null;
  /** Documents, stylesheets and scripts only, from the network-requests audit. */
  textual: number;
  byType: Record<string, number>;
}

const TEXTUAL = new Set(["Document", "Stylesheet", "Script"]);

export function byteWeight(lhr: Result): ByteWeight {
  const byType: Record<string, number> = {};
  const details: unknown = lhr.audits["network-requests"]?.details;
  const items = isRecord(details) && Array.isArray(details.items) ? details.items : [];
  for (const item of items) {
    if (!isRecord(item)) continue;
    const type = typeof item.resourceType === "string" ? item.resourceType : "Other";
    const size = typeof item.transferSize === "number" ? item.transferSize : 0;
    byType[type] = (byType[type] ?? 0) + size;
  }
  const textual = Object.entries(byType)
    .filter(([type]) => TEXTUAL.has(type))
    .reduce((sum, [, size]) => sum + size, 0);
  return { total: lhr.audits["total-byte-weight"]?.numericValue ?? null, textual, byType };
}
