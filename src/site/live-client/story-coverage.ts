import type { LiveArticle, LivePayloads } from "../../domain/live-event.ts";
import { el, linkTo, safeHref, timeElement } from "./dom.ts";
import { appliedWhileHidden } from "./title-count.ts";

/** A story's open page: its title, source and report counts, and the coverage list. */
export class StoryCoverage {
  private constructor(
    private readonly storyId: number,
    private readonly page: HTMLElement,
  ) {}

  static find(channels: readonly string[]): StoryCoverage | null {
    const page = document.querySelector<HTMLElement>("main article.story");
    const channel = channels.find((c) => c.startsWith("story:"));
    return page && channel ? new StoryCoverage(Number(channel.slice(6)), page) : null;
  }

  changed(story: LivePayloads["story.changed"]): void {
    if (story.storyId !== this.storyId) return;
    const title = this.page.querySelector("h1");
    if (title) title.textContent = story.title;
    const counts = this.page.querySelector("[data-live-counts]");
    if (counts) counts.textContent = countsText(story.sourceCount, story.articleCount);
    appliedWhileHidden();
  }

  /** A report joined (or changed): into the coverage list, last, as it is the newest. */
  report(article: LiveArticle): void {
    if (article.storyId !== this.storyId) return;
    const list = this.page.querySelector("ol.coverage");
    if (!list) return;
    const existing = linkTo(list, article.url);
    if (existing) {
      existing.textContent = article.headline;
      return;
    }
    const li = el("li", "live-new");
    const link = el("a", undefined, article.headline);
    link.href = safeHref(article.url);
    const meta = el("span", "meta-line", ` ${article.outlet ?? article.sectionName} · `);
    const time = timeElement(article.publishedAt);
    time.dataset.relative = "";
    meta.append(time);
    li.append(link, meta);
    list.append(li);
    appliedWhileHidden();
  }
}

/** "3 sources, 4 reports": the same words as the server's (story-page.tsx). */
export function countsText(sources: number, reports: number): string {
  return `${sources} ${sources === 1 ? "source" : "sources"}, ${reports} ${reports === 1 ? "report" : "reports"}`;
}
