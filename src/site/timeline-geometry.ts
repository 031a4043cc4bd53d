// Imports nothing: the server's StoryTimeline and the live client's redraw share it, so the
// browser bundle gets the same numbers and words without preact or the server's context.

export const TIMELINE = { width: 600, height: 56, pad: 12 } as const;

export interface TimelineGeometry {
  /** Each report's dot, earliest first, as the `cx` attribute writes it. */
  xs: string[];
  from: string;
  to: string;
  caption: string;
}

/** Reports' publish times → dots on one line; null under two known times (nothing to span). */
export function timelineGeometry(
  instants: readonly string[],
  format: (iso: string) => string,
): TimelineGeometry | null {
  const times = instants
    .map((iso) => Date.parse(iso))
    .filter((t) => Number.isFinite(t))
    .sort((a, b) => a - b);
  const first = times[0];
  const last = times[times.length - 1];
  if (first === undefined || last === undefined || times.length < 2) return null;
  const { width, pad } = TIMELINE;
  const span = Math.max(last - first, 1);
  const xs = times.map((t) => (pad + ((t - first) / span) * (width - 2 * pad)).toFixed(1));
  const from = format(new Date(first).toISOString());
  const to = format(new Date(last).toISOString());
  return { xs, from, to, caption: `${times.length} reports between ${from} and ${to}` };
}
