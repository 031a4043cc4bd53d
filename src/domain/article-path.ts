import type { Article } from "./article.ts";

/** `/{section}/{yyyy}/{mm}/{dd}/{slug}`: stable once published, dated in UTC. */
export function articlePath(
  article: Pick<Article, "sectionSlug" | "slug" | "publishedAt">,
): string | null {
  if (article.publishedAt === null) return null;
  const d = new Date(article.publishedAt);
  const yyyy = String(d.getUTCFullYear()).padStart(4, "0");
  const mm = String(d.getUTCMonth() + 1).padStart(2, "0");
  const dd = String(d.getUTCDate()).padStart(2, "0");
  return `/${encodeURIComponent(article.sectionSlug)}/${yyyy}/${mm}/${dd}/${encodeURIComponent(article.slug)}`;
}

/** A reader may see it: published, or scheduled (embargoed) and its time has come. */
export function isVisible(
  article: Pick<Article, "status" | "publishedAt">,
  now: Date = new Date(),
): boolean {
  if (article.publishedAt === null) return false;
  if (article.status === "draft") return false;
  return new Date(article.publishedAt).getTime() <= now.getTime();
}
