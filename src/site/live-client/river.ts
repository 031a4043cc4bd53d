import type { LiveArticle } from "../../domain/live-event.ts";
import { announce, el, foreignLanguage, linkTo, safeHref, timeElement } from "./dom.ts";
import { setCount } from "./title-count.ts";

/**
 * Home, section and topic pages: new stories wait behind a "N new stories" bar laid over
 * the page (fixed, so nothing the reader is looking at moves); a click puts them at the top
 * of the river, as the server would have, and brings the river into view. A report of a
 * story already in the river, or an article already on the page, is not new.
 */
export class NewStories {
  private readonly pending = new Map<number, LiveArticle>();
  private bar: HTMLButtonElement | null = null;

  constructor(private readonly river: HTMLOListElement) {}

  static find(): NewStories | null {
    const river = document.querySelector<HTMLOListElement>("main ol.river");
    return river ? new NewStories(river) : null;
  }

  published(article: LiveArticle): void {
    if (this.pending.has(article.articleId) || linkTo(document, article.url)) return;
    if (article.storyId !== null) {
      // Anywhere on the page (top stories too): a report of a story already shown is not new.
      if (document.querySelector(`main [data-story="${article.storyId}"]`)) return;
      for (const [id, other] of this.pending) {
        if (other.storyId === article.storyId) this.pending.delete(id);
      }
    }
    this.pending.set(article.articleId, article);
    this.show();
  }

  /** A headline changed: on the page already, or still waiting. */
  updated(article: LiveArticle): void {
    if (this.pending.has(article.articleId)) {
      this.pending.set(article.articleId, article);
      return;
    }
    const link = linkTo(this.river, article.url);
    if (link) link.textContent = article.headline;
  }

  killed(articleId: number, url: string): void {
    this.pending.delete(articleId);
    linkTo(this.river, url)?.closest("li")?.remove();
    this.show();
  }

  private show(): void {
    const n = this.pending.size;
    setCount("stories", n);
    if (n === 0) {
      this.bar?.remove();
      this.bar = null;
      return;
    }
    if (!this.bar) {
      this.bar = el("button", "live-bar");
      this.bar.type = "button";
      this.bar.addEventListener("click", () => this.reveal());
      document.body.append(this.bar);
    }
    const label = n === 1 ? "1 new story" : `${n} new stories`;
    this.bar.textContent = `↑ ${label}`;
    announce(label);
  }

  private reveal(): void {
    const level = this.river.querySelector("h2") ? "h2" : "h3";
    const newest = [...this.pending.values()].sort((a, b) =>
      b.publishedAt.localeCompare(a.publishedAt),
    );
    const items = newest.map((a) => item(a, level));
    this.river.prepend(...items);
    this.pending.clear();
    this.show();
    const first = items[0]?.querySelector("a");
    // Scrolled by the reader's own click: not a layout shift, and focus follows.
    this.river.scrollIntoView({ block: "start" });
    first?.focus({ preventScroll: true });
  }
}

function item(article: LiveArticle, level: "h2" | "h3"): HTMLLIElement {
  const li = el("li", "live-new");
  if (article.storyId !== null) li.dataset.story = String(article.storyId);
  // As the server marks a report in another language (river.tsx).
  const lang = foreignLanguage(article);
  if (lang) li.lang = lang;
  const heading = el(level);
  const link = el("a", undefined, article.headline);
  link.href = safeHref(article.url);
  heading.append(link);
  li.append(heading);
  if (article.standfirst) li.append(el("p", undefined, article.standfirst));
  const meta = el("p", "meta-line", `${article.outlet ?? article.sectionName} · `);
  const time = timeElement(article.publishedAt);
  time.dataset.relative = "";
  meta.append(time);
  li.append(meta);
  return li;
}
