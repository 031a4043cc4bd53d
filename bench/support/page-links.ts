import { parseHTML } from "linkedom";

/** `/{section}/{yyyy}/{mm}/{dd}/{slug}`: the article URL shape the site promises. */
const ARTICLE_PATH = /^\/[a-z0-9-]+\/\d{4}\/\d{2}\/\d{2}\/[^/?#]+$/;
const STORY_PATH = /^\/story\/\d+-[^/?#]*$/;
const TOPIC_PATH = /^\/topic\/[^/?#]+$/;

export interface Link {
  path: string;
  text: string;
}

export interface PageLinks {
  stories: Link[];
  articles: Link[];
  topics: Link[];
}

export interface PageAssets {
  styles: string[];
  scripts: string[];
  images: string[];
  /** Anything the page loads from another origin: the site promises there is none. */
  foreign: string[];
}

function unique(links: Link[]): Link[] {
  const seen = new Set<string>();
  return links.filter((link) => !seen.has(link.path) && seen.add(link.path));
}

/** The story, article and topic links of a page, in document order, each once. */
export function pageLinks(html: string): PageLinks {
  const { document } = parseHTML(html);
  const links: Link[] = [];
  for (const a of document.querySelectorAll("a[href]")) {
    const path = a.getAttribute("href") ?? "";
    links.push({ path, text: (a.textContent ?? "").replace(/\s+/g, " ").trim() });
  }
  // The first link to a story is its headline; later ones are "2 sources" and the like.
  return {
    stories: unique(links.filter((l) => STORY_PATH.test(l.path))),
    articles: unique(links.filter((l) => ARTICLE_PATH.test(l.path))),
    topics: unique(links.filter((l) => TOPIC_PATH.test(l.path))),
  };
}

const sameOrigin = (url: string) => url.startsWith("/") && !url.startsWith("//");

/** What a browser fetches for the page before and besides its text. */
export function pageAssets(html: string): PageAssets {
  const { document } = parseHTML(html);
  const attr = (selector: string, name: string) =>
    [...document.querySelectorAll(selector)]
      .map((el) => el.getAttribute(name) ?? "")
      .filter((url) => url !== "");
  const styles = attr('link[rel~="stylesheet"]', "href");
  const scripts = [
    ...attr("script[src]", "src"),
    ...attr('link[rel="modulepreload"]', "href"),
    ...attr('link[rel="preload"][as="script"]', "href"),
  ];
  const images = attr("img[src]", "src");
  const all = [...styles, ...scripts, ...images];
  return {
    styles: [...new Set(styles.filter(sameOrigin))],
    scripts: [...new Set(scripts.filter(sameOrigin))],
    images: [...new Set(images.filter(sameOrigin))],
    foreign: [...new Set(all.filter((url) => !sameOrigin(url)))],
  };
}

/**
 * A word a reader would search for: the first capitalised word of five letters or more in
 * the headlines (usually a name, so it finds several articles), else any long word.
 */
export function searchTerm(headlines: string[]): string | null {
  const words = headlines.flatMap((h) => h.split(/[^\p{L}]+/u)).filter((w) => w.length >= 5);
  return words.find((w) => /^\p{Lu}/u.test(w)) ?? words[0] ?? null;
}
