import type { LiveArticle, LivePayloads } from "../../domain/live-event.ts";
import { TIMELINE, timelineGeometry } from "../timeline-geometry.ts";
import {
  el,
  foreignLanguage,
  formatDateTime,
  languageName,
  linkTo,
  safeHref,
  siteLanguage,
  timeElement,
} from "./dom.ts";
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

  /**
   * Two stories became one. The absorbed story's page points to the survivor (its address
   * now answers 301 there); the survivor's offers a reload for the reports that joined.
   * Neither moves the page under the reader.
   */
  merged(payload: LivePayloads["story.merged"]): void {
    const absorbed = payload.storyId === this.storyId;
    if (!absorbed && payload.into !== this.storyId) return;
    const notice = el("div", "live-notice story-merged");
    notice.setAttribute("role", "status");
    const text = el(
      "p",
      undefined,
      absorbed
        ? "This story is now part of a larger one. "
        : "Reports from another story of the same event have joined this one. ",
    );
    if (absorbed) {
      const link = el("a", undefined, "Read the whole story");
      link.href = safeHref(payload.url);
      text.append(link);
    } else {
      const button = el("button", "live-action", "Reload to see them");
      button.type = "button";
      button.addEventListener("click", () => location.reload());
      text.append(button);
    }
    notice.append(text);
    const old = this.page.querySelector(".story-merged");
    if (old) old.replaceWith(notice);
    else this.page.querySelector("h1")?.after(notice);
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
    const lang = foreignLanguage(article);
    if (lang) li.lang = lang;
    const link = el("a", undefined, article.headline);
    link.href = safeHref(article.url);
    const meta = el("span", "meta-line", ` ${article.outlet ?? article.sectionName} · `);
    const time = timeElement(article.publishedAt);
    time.dataset.relative = "";
    meta.append(time);
    if (lang) {
      // The server's words and markup (story-page.tsx): which language, in the site's own.
      const name = el("span", undefined, languageName(lang));
      name.lang = siteLanguage;
      meta.append(" · ", name);
    }
    li.append(link, meta);
    list.append(li);
    redrawTimeline(list);
    appliedWhileHidden();
  }
}

const SVG = "http://www.w3.org/2000/svg";

function svgElement(tag: string, attributes: Record<string, string | number>): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node as SVGElement;
}

/**
 * The timeline as the server draws it (story-timeline.tsx), attributes in its order, from
 * the coverage list's times: the list is the page's record of its reports.
 */
function redrawTimeline(list: Element): void {
  const old = list.parentElement?.querySelector("figure.timeline");
  const times = [...list.querySelectorAll("time[datetime]")].map(
    (t) => t.getAttribute("datetime") ?? "",
  );
  const line = timelineGeometry(times, formatDateTime);
  if (!line) {
    old?.remove();
    return;
  }
  const { width, height, pad } = TIMELINE;
  const paint = { fill: "currentColor" };
  const label = { y: 48, "font-size": 13, ...paint };
  const svg = svgElement("svg", { viewBox: `0 0 ${width} ${height}`, "aria-hidden": "true" });
  svg.append(
    svgElement("line", {
      x1: pad,
      y1: 20,
      x2: width - pad,
      y2: 20,
      stroke: "currentColor",
      "stroke-width": 1,
    }),
    ...line.xs.map((cx) => svgElement("circle", { cx, cy: 20, r: 6, ...paint })),
  );
  const from = svgElement("text", { x: pad, ...label });
  from.textContent = line.from;
  const to = svgElement("text", { x: width - pad, ...label, "text-anchor": "end" });
  to.textContent = line.to;
  svg.append(from, to);
  const figure = el("figure", "timeline");
  figure.append(svg, el("figcaption", "meta-line", line.caption));
  if (old) old.replaceWith(figure);
  else {
    // Where the server puts it: before the coverage heading.
    const heading = list.previousElementSibling;
    (heading?.localName === "h2" ? heading : list).before(figure);
  }
}

/** "3 sources, 4 reports": the same words as the server's (story-page.tsx). */
export function countsText(sources: number, reports: number): string {
  return `${sources} ${sources === 1 ? "source" : "sources"}, ${reports} ${reports === 1 ? "report" : "reports"}`;
}
