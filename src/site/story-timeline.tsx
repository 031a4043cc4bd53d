import type { Article } from "../domain/article.ts";
import { formatDateTime, type SiteContext } from "./site-context.ts";
import { TIMELINE, timelineGeometry } from "./timeline-geometry.ts";

/**
 * When each report came out, as dots on one line from the first to the latest: a small
 * inline SVG, drawn on the server, in the text colour so it follows light and dark. The
 * live client redraws it as reports join (live-client/story-coverage.ts): same markup.
 */
export function StoryTimeline(props: { site: SiteContext; articles: Article[] }) {
  const { width, height, pad } = TIMELINE;
  const line = timelineGeometry(
    props.articles.map((a) => a.publishedAt ?? ""),
    (iso) => formatDateTime(props.site, iso),
  );
  if (!line) return null;
  return (
    <figure class="timeline">
      <svg viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
        <line x1={pad} y1={20} x2={width - pad} y2={20} stroke="currentColor" stroke-width="1" />
        {line.xs.map((cx, i) => (
          <circle key={`${cx}-${i}`} cx={cx} cy="20" r="6" fill="currentColor" />
        ))}
        <text x={pad} y={48} font-size="13" fill="currentColor">
          {line.from}
        </text>
        <text x={width - pad} y={48} font-size="13" fill="currentColor" text-anchor="end">
          {line.to}
        </text>
      </svg>
      <figcaption class="meta-line">{line.caption}</figcaption>
    </figure>
  );
}
