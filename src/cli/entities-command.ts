import path from "node:path";
import { parseArgs } from "node:util";
import { bodyText } from "../domain/body-text.ts";
import { describeError } from "../domain/errors.ts";
import { extractEntities } from "../enrich/entities/extract-entities.ts";
import type { EntitiesInput, Entity } from "../enrich/entities/types.ts";
import { extractArticle } from "../ingest/extract.ts";
import { MAX_IMPORT_BYTES, parseImportFile } from "../ingest/import/detect.ts";
import { canonicalLink, NO_BASE_URL } from "./extract-command.ts";
import { readLocalFile, runInspection } from "./inspect-inputs.ts";
import type { Output } from "./output.ts";

export const ENTITIES_USAGE = "usage: dispatch entities <file…> [--json]";

export interface EntitiesSettings {
  SITE_NAME: string;
  siteLanguage: string;
}

interface EntityJson {
  name: string;
  slug: string;
  aliases: string[];
  mentions: number;
}

export interface EntitiesJson {
  people: EntityJson[];
  places: EntityJson[];
  organisations: EntityJson[];
}

const HTML_EXTENSIONS = new Set([".html", ".htm", ".xhtml"]);

/**
 * `dispatch entities`: the people, places and organisations the entities stage finds in an
 * article file (ninjs JSON, Markdown with front matter, plain text or an HTML page), to see
 * what its topic pages would be before importing it.
 */
export async function entitiesCommand(
  settings: EntitiesSettings,
  args: string[],
  out: Output,
): Promise<number> {
  let values: { json?: boolean; help?: boolean };
  let files: string[];
  try {
    ({ values, positionals: files } = parseArgs({
      args,
      options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    out.error(`error: ${describeError(error).replace(/\s*\n\s*/g, " ")}`);
    out.error(ENTITIES_USAGE);
    return 2;
  }
  if (values.help) {
    out.line(ENTITIES_USAGE);
    return 0;
  }
  if (files.length === 0) {
    out.error(ENTITIES_USAGE);
    return 2;
  }
  return runInspection({
    inputs: files,
    json: values.json === true,
    out,
    inspect: async (file) => entitiesJson(extractEntities(await readArticle(file, settings))),
    describe: describeEntities,
  });
}

/** The article in a file, as the entities stage sees it: headline, standfirst, plain text. */
export async function readArticle(
  file: string,
  settings: EntitiesSettings,
): Promise<EntitiesInput> {
  const document = await readLocalFile(file, MAX_IMPORT_BYTES);
  if (HTML_EXTENSIONS.has(path.extname(file).toLowerCase()) || looksLikeHtml(document.text)) {
    const page = extractArticle(document.text, {
      url: canonicalLink(document.text) ?? NO_BASE_URL,
    });
    return { headline: page.title ?? "", standfirst: null, text: page.text };
  }
  const article = parseImportFile(file, new TextEncoder().encode(document.text), {
    siteName: settings.SITE_NAME,
    defaultLanguage: settings.siteLanguage,
    now: new Date(),
  });
  return {
    headline: article.headline,
    standfirst: article.standfirst,
    text: bodyText(article.body),
  };
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!doctype html|<html[\s>])/i.test(text.replace(/^\uFEFF/, ""));
}

/** Exactly the documented keys, in a stable order; spans stay internal. */
export function entitiesJson(entities: ReturnType<typeof extractEntities>): EntitiesJson {
  const pick = (list: Entity[]): EntityJson[] =>
    list.map(({ name, slug, aliases, mentions }) => ({ name, slug, aliases, mentions }));
  return {
    people: pick(entities.people),
    places: pick(entities.places),
    organisations: pick(entities.organisations),
  };
}

export function describeEntities(result: EntitiesJson): string {
  const section = (title: string, list: EntityJson[]) => [
    `${title} (${list.length}):`,
    ...list.map(
      (e) =>
        `  ${e.name} ×${e.mentions}${e.aliases.length > 0 ? ` (also ${e.aliases.join(", ")})` : ""}`,
    ),
  ];
  return [
    ...section("people", result.people),
    ...section("places", result.places),
    ...section("organisations", result.organisations),
  ].join("\n");
}
