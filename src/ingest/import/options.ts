import type { ArticleKind } from "../../domain/article.ts";

/** What every importer needs to know that the file itself cannot tell it. */
export interface ImportOptions {
  /** The portal's own name: a plain-text file that starts with it starts with a masthead. */
  siteName: string;
  /** Used when the file names no language; BCP 47, only the primary tag is kept. */
  defaultLanguage: string;
  /** Passed in (not read from the clock) so imports are reproducible in tests. */
  now: Date;
  /** Section for every imported article; defaults to News. */
  section?: { slug: string; name: string };
  kind?: ArticleKind;
}

export const DEFAULT_SECTION = { slug: "news", name: "News" } as const;
