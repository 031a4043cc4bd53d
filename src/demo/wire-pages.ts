import { escapeHtml } from "./html.ts";
import { OUTLETS, type OutletSlug } from "./outlets.ts";
import type { DemoItem } from "./stories.ts";
import type { WireFeed } from "./wire-feeds.ts";

/**
 * HTML and SVG the demo wire serves. Article pages carry the chrome of a real news site
 * (navigation, share links, a related list, a footer) so full-text extraction has something
 * to strip away.
 */
const STYLE =
  "body{font:16px/1.5 Georgia,serif;margin:0;color:#222}header,footer{padding:12px 24px;color:#fff}" +
  "nav a{color:#fff;margin-right:12px}main{max-width:40em;margin:24px auto;padding:0 16px}" +
  "aside{border-top:1px solid #ccc;margin-top:32px;font-size:14px}img{max-width:100%}";

function page(title: string, colour: string, outletName: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header style="background:${colour}">
<strong>${escapeHtml(outletName)}</strong>
<nav><a href="/">Home</a><a href="/opml">All feeds</a><a href="#">World</a><a href="#">Business</a><a href="#">Sport</a><a href="#">Subscribe</a></nav>
</header>
${main}
<footer style="background:${colour}">
<p>© ${escapeHtml(outletName)}. An invented outlet on the Dispatch demo wire: every person, place and event here is fictional.</p>
<p><a href="#">Privacy</a> · <a href="#">Cookies</a> · <a href="#">Contact us</a></p>
</footer>
</body>
</html>
`;
}

export function articlePage(item: DemoItem, related: readonly DemoItem[]): string {
  const outlet = OUTLETS[item.outlet];
  const figure = item.imagePath
    ? `<figure><img src="${escapeHtml(item.imagePath)}" width="640" height="360" alt=""><figcaption>Illustration: ${escapeHtml(outlet.name)}</figcaption></figure>`
    : "";
  const links = related
    .filter((r) => r.id !== item.id)
    .slice(0, 5)
    .map((r) => `<li><a href="${escapeHtml(r.path)}">${escapeHtml(r.title)}</a></li>`)
    .join("");
  const main = `<main>
<article>
<h1>${escapeHtml(item.title)}</h1>
<p class="byline">By <span class="author">${escapeHtml(item.author)}</span> · <time datetime="${item.published}">${item.published.slice(0, 16).replace("T", " ")} UTC</time></p>
${figure}
<div class="article-body">
${item.html}
</div>
<p class="tags">${item.categories.map((c) => `<a href="#">${escapeHtml(c)}</a>`).join(" ")}</p>
</article>
<div class="share">Share: <a href="#">Email</a> <a href="#">Copy link</a></div>
<aside><h3>More from ${escapeHtml(outlet.name)}</h3><ul>${links}</ul></aside>
</main>`;
  const head = `<link rel="canonical" href="${escapeHtml(item.url)}">
<meta name="author" content="${escapeHtml(item.author)}">
<meta name="description" content="${escapeHtml(item.summary)}">
<meta property="og:type" content="article">
<meta property="og:title" content="${escapeHtml(item.title)}">
<meta property="og:site_name" content="${escapeHtml(outlet.name)}">
${item.image ? `<meta property="og:image" content="${escapeHtml(item.image)}">\n` : ""}<meta property="article:published_time" content="${item.published}">`;
  return page(`${item.title} | ${outlet.name}`, outlet.colour, outlet.name, main).replace(
    "</title>\n",
    `</title>\n${head}\n`,
  );
}

export function outletPage(slug: OutletSlug, items: readonly DemoItem[], feed: WireFeed): string {
  const outlet = OUTLETS[slug];
  const list = items
    .slice(0, 30)
    .map(
      (i) =>
        `<li><a href="${escapeHtml(i.path)}">${escapeHtml(i.title)}</a> <small>${i.published}</small></li>`,
    )
    .join("\n");
  const main = `<main>
<h1>${escapeHtml(outlet.name)}</h1>
<p>${escapeHtml(outlet.tagline)}. Feed (${feed.format}): <a href="${escapeHtml(feed.url)}">${escapeHtml(feed.url)}</a></p>
<ul>
${list}
</ul>
</main>`;
  return page(outlet.name, outlet.colour, outlet.name, main);
}

export function indexPage(feeds: readonly WireFeed[], itemCount: number): string {
  const rows = feeds
    .map(
      (f) =>
        `<li><a href="/${f.outlet}/">${escapeHtml(f.title)}</a>: <a href="${escapeHtml(f.url)}">${escapeHtml(f.url)}</a> (${f.format})</li>`,
    )
    .join("\n");
  const main = `<main>
<h1>Demo wire</h1>
<p>Invented news from invented outlets, so an offline Dispatch has something to show. ${itemCount} items published so far; new ones arrive every few seconds.</p>
<ul>
${rows}
</ul>
<p><a href="/opml">All feeds as OPML</a></p>
</main>`;
  return page("Demo wire", "#333", "Demo wire", main);
}

/** A coloured block with the outlet's initials: a picture for every item, made on the spot. */
export function svgImage(item: DemoItem): string {
  const outlet = OUTLETS[item.outlet];
  // A second colour from the id so pictures of one outlet do not all look the same.
  let hash = 0;
  for (const char of item.id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const hue = hash % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360" role="img" aria-label="${escapeHtml(outlet.name)}">
<rect width="640" height="360" fill="${outlet.colour}"/>
<circle cx="560" cy="300" r="160" fill="hsl(${hue},55%,60%)" opacity="0.45"/>
<text x="48" y="230" font-family="Georgia,serif" font-size="160" font-weight="bold" fill="#fff">${escapeHtml(outlet.initials)}</text>
</svg>
`;
}
