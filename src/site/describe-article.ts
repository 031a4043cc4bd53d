import type { Article } from "../domain/article.ts";
import { bodyText } from "../domain/body-text.ts";

/** An article's one-line summary for lists and meta descriptions: its standfirst or first paragraph. */
export function describeArticle(article: Article): string {
  const text = article.standfirst ?? bodyText(article.body).split("\n\n")[0] ?? "";
  return text.length <= 200 ? text : `${text.slice(0, 197).replace(/\s+\S*$/, "")}…`;
}
