// Named builders, not the `Type` namespace: a bundle keeps only what is used (about 15 kB
// of TypeBox rather than 200), which the cold start pays for.
import { Optional, Object as TObject, String as TString } from "typebox";

/**
 * The reader routes' parameters, validated by Fastify (ajv) before a handler runs. A query
 * parameter given twice fails (a 400). A path segment that fails its pattern names no page:
 * those routes set `attachValidation`, and `cachedRoute` answers with the 404 page.
 */

/** Older pages of a list; empty means none; one that does not decode is the repository's 400. */
export const CursorQuery = TObject({ cursor: Optional(TString()) });

/** A live blog's older updates: the one query parameter an article page takes. */
export const BeforeQuery = TObject({ before: Optional(TString()) });

/** An article's query: a live blog's older updates (`before`) or one entry's permalink (`entry`). */
export const ArticleQuery = TObject({ before: Optional(TString()), entry: Optional(TString()) });

/** A section's or topic's slug: any text, percent-decoded. */
export const SlugParams = TObject({ slug: TString() });

/** `/source/12`. */
export const SourceParams = TObject({ id: TString({ pattern: "^\\d{1,15}$" }) });

/** `/story/12-a-slug` or `/story/12`: the slug is checked against the story's own. */
export const StoryParams = TObject({ ref: TString({ pattern: "^\\d{1,15}(?:-|$)" }) });

/** `/{section}/{yyyy}/{mm}/{dd}/{slug}`: the date is checked against the article's own. */
export const ArticleParams = TObject({
  section: TString(),
  yyyy: TString({ pattern: "^\\d{4}$" }),
  mm: TString({ pattern: "^\\d{2}$" }),
  dd: TString({ pattern: "^\\d{2}$" }),
  slug: TString(),
});

/** `/sitemaps/articles-2026-11.xml`, `…-2.xml`; the month and page are checked on load. */
export const MonthSitemapParams = TObject({
  name: TString({ pattern: "^articles-\\d{4}-\\d{2}(?:-[1-9]\\d{0,5})?\\.xml$" }),
});
