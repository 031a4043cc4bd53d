import { generateOpml, parseOpml } from "feedsmith";
import { AppError, describeError } from "../domain/errors.ts";
import type { Source } from "../domain/source.ts";
import { MAX_XML_DEPTH, scanXml } from "./feeds/xml-guard.ts";

export interface OpmlEntry {
  url: string;
  title: string | null;
  siteUrl: string | null;
  /** The enclosing outline's text: the section an operator filed the feed under. */
  category: string | null;
  language: string | null;
}

const MAX_OPML_BYTES = 5 * 1024 * 1024;

interface Outline {
  text?: string;
  title?: string;
  xmlUrl?: string;
  htmlUrl?: string;
  language?: string;
  outlines?: Outline[];
}

/** Every feed in an OPML file, nested folders flattened into categories. */
export function parseOpmlSources(text: string): OpmlEntry[] {
  if (text.length > MAX_OPML_BYTES)
    throw new AppError("too_large", "the OPML file is larger than 5 MiB", { status: 413 });
  // The feeds' guard (feeds/xml-guard.ts), in the one pass it makes before any parser runs.
  const scan = scanXml(text);
  if (/<!ENTITY/i.test(text) || scan.entityAt !== null) {
    throw new AppError("unsafe_opml", "OPML with DTD entity declarations is not accepted", {
      status: 400,
    });
  }
  if (scan.tooDeepAt !== null) {
    throw new AppError(
      "bad_opml",
      `not an OPML file: outlines nested more than ${MAX_XML_DEPTH} deep`,
      {
        status: 400,
      },
    );
  }
  let doc: { body?: { outlines?: Outline[] } };
  try {
    doc = parseOpml(text) as typeof doc;
  } catch (error) {
    throw new AppError("bad_opml", `not an OPML file: ${describeError(error)}`, { status: 400 });
  }
  const out: OpmlEntry[] = [];
  const walk = (outlines: Outline[] | undefined, category: string | null, depth: number) => {
    if (!outlines || depth > 20) return;
    for (const o of outlines) {
      if (o.xmlUrl) {
        out.push({
          url: o.xmlUrl.trim(),
          title: (o.title ?? o.text)?.trim() || null,
          siteUrl: o.htmlUrl?.trim() || null,
          category,
          language: o.language?.trim() || null,
        });
      }
      walk(o.outlines, o.xmlUrl ? category : (o.title ?? o.text)?.trim() || category, depth + 1);
    }
  };
  walk(doc.body?.outlines, null, 0);
  if (out.length === 0)
    throw new AppError("empty_opml", "the OPML file lists no feeds (no outline has an xmlUrl)", {
      status: 400,
    });
  return out;
}

/** OPML 2.0 of the given sources, grouped by section. */
export function sourcesToOpml(sources: readonly Source[], title: string): string {
  if (sources.length === 0) {
    // feedsmith refuses an empty body; an empty list is still a valid answer.
    const escaped = title.replace(/&/g, "&amp;").replace(/</g, "&lt;");
    return `<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0">\n  <head>\n    <title>${escaped}</title>\n  </head>\n  <body/>\n</opml>\n`;
  }
  const bySection = new Map<string, Source[]>();
  for (const s of sources)
    bySection.set(s.sectionSlug, [...(bySection.get(s.sectionSlug) ?? []), s]);
  return generateOpml({
    head: { title, dateCreated: new Date() },
    body: {
      outlines: [...bySection.entries()].map(([section, list]) => ({
        text: section,
        outlines: list.map((s) => ({
          text: s.title ?? s.url,
          title: s.title ?? s.url,
          type: "rss",
          xmlUrl: s.url,
          ...(s.siteUrl ? { htmlUrl: s.siteUrl } : {}),
          ...(s.languageHint ? { language: s.languageHint } : {}),
        })),
      })),
    },
  });
}
