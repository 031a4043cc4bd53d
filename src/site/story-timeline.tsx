import type { Article } from "../domain/article.ts";
import { formatDateTime, type SiteContext } from "./site-context.ts";

const WIDTH = 600;
const HEIGHT = 56;
const PAD = 12;

/**
 * When each report came out, as dots on one line from the first to the latest: a small
 * inline SVG, drawn on the server, in the text colour so it follows light and dark.
 */
export function StoryTimeline(props: { site: SiteContext; articles: Article[] }) {
  const times = props.articles
    .map((a) => Date.parse(a.publishedAt ?? ""))
    .filter((t) => Number.isFinite(t))
    .sort((a, b) => a - b);
  const first = times[0];
  const last = times[times.length - 1];
  if (first === undefined || last === undefined || times.length < 2) return null;
  const span = Math.max(last - first, 1);
  const x = (t: number) => PAD + ((t - first) / span) * (WIDTH - 2 * PAD);
  const from = formatDateTime(props.site, new Date(first).toISOString());
  const to = formatDateTime(props.site, new Date(last).toISOString());
  const label = `${times.length} reports between ${from} and ${to}`;
  return (
    <figure class="timeline">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true">
        <line x1={PAD} y1={20} x2={WIDTH - PAD} y2={20} stroke="currentColor" stroke-width="1" />
        {times.map((t, i) => (
          <circle key={`${t}-${i}`} cx={x(t).toFixed(1)} cy="20" r="6" fill="currentColor" />
        ))}
        <text x={PAD} y={48} font-size="13" fill="currentColor">
          {from}
        </text>
        <text x={WIDTH - PAD} y={48} font-size="13" fill="currentColor" text-anchor="end">
          {to}
        </text>
      </svg>
      <figcaption class="meta-line">{label}</figcaption>
    </figure>
  );
}
