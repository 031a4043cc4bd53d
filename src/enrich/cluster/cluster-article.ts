import { AppError } from "../../domain/errors.ts";

/** An article as story clustering sees it. */
export interface ClusterArticle {
  id: string;
  title: string;
  /** Plain text of the body (or the summary, for link-only sources). */
  text: string;
  /** The outlet: a story's size is its number of distinct sources. */
  source: string;
  /** ISO 8601. */
  published: string;
  /**
   * ISO 639-1 code of the article's language ("" or absent: not known). Reports in two
   * languages share names and figures but few words, so they are weighed apart.
   */
  language?: string | undefined;
  /** Entity slugs from the entities stage, when it has run. */
  entities?: string[] | undefined;
  canonicalUrl?: string | null | undefined;
  /** We carry it in full (own or full-text source): it leads its story. Never read from input. */
  hosted?: boolean | undefined;
}

const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const MAX_ID = 1000;
/** BCP 47's shape, loosely: a primary tag of 2–3 letters and optional subtags ("" = unknown). */
const LANGUAGE_TAG = /^(?:[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)?$/;

/**
 * Validates one incoming record (a JSONL line, an API body). Unknown fields are ignored;
 * what is there must have the right type. A date without a zone is read as UTC, so the
 * answer never depends on the machine's time zone.
 */
export function parseClusterArticle(value: unknown): ClusterArticle {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw invalid("invalid_article", "expected a JSON object");
  const record = value as Record<string, unknown>;
  const id = requiredString(record, "id");
  if (id.trim() === "" || id.length > MAX_ID)
    throw invalid("invalid_field", `"id" must be 1 to ${MAX_ID} characters`, "id");
  const title = requiredString(record, "title");
  const text = requiredString(record, "text");
  if (title.trim() === "" && text.trim() === "")
    throw invalid("invalid_field", `"title" and "text" are both empty`, "title");
  const source = requiredString(record, "source");
  if (source.trim() === "") throw invalid("invalid_field", `"source" is empty`, "source");
  const published = parsePublished(requiredString(record, "published"));

  const article: ClusterArticle = { id, title, text, source: source.trim(), published };
  const entities = record.entities;
  if (entities !== undefined && entities !== null) {
    if (!Array.isArray(entities) || !entities.every((e) => typeof e === "string"))
      throw invalid("invalid_field", `"entities" must be an array of strings`, "entities");
    article.entities = entities as string[];
  }
  const language = record.language;
  if (language !== undefined && language !== null) {
    if (typeof language !== "string" || !LANGUAGE_TAG.test(language.trim()))
      throw invalid(
        "invalid_field",
        `"language" must be a language tag such as "en" or "pt-BR"`,
        "language",
      );
    const primary = language.trim().toLowerCase().split(/[-_]/)[0] as string;
    if (primary !== "") article.language = primary;
  }
  const url = record.canonicalUrl ?? record.url;
  if (url !== undefined && url !== null) {
    if (typeof url !== "string")
      throw invalid("invalid_field", `"canonicalUrl" must be a string`, "canonicalUrl");
    if (url.trim() !== "") article.canonicalUrl = url.trim();
  }
  return article;
}

function requiredString(record: Record<string, unknown>, field: string): string {
  const value = record[field];
  if (value === undefined || value === null)
    throw invalid("missing_field", `"${field}" is missing`, field);
  if (typeof value !== "string")
    throw invalid("invalid_field", `"${field}" must be a string`, field);
  return value;
}

function parsePublished(raw: string): string {
  const text = raw.trim();
  const match = ISO_DATE.exec(text);
  const ms = match
    ? Date.parse(match[1] === undefined && text.length > 10 ? `${text}Z` : text)
    : Number.NaN;
  if (!Number.isFinite(ms))
    throw invalid(
      "invalid_field",
      `"published" must be an ISO 8601 date, got "${raw.slice(0, 40)}"`,
      "published",
    );
  return new Date(ms).toISOString();
}

function invalid(code: string, message: string, field?: string): AppError {
  return new AppError(code, message, { status: 400, context: field ? { field } : {} });
}
