/**
 * Which article leads a story and how fast the story spreads: one rule, used by the story
 * index in memory and by the repository when it stores a story's figures.
 */

const HOUR = 3_600_000;

/** Velocity counts the distinct sources that joined a story over this many recent hours. */
export const VELOCITY_HOURS = 6;

/** What choosing a lead reads of each article in the story. */
export interface LeadCandidate {
  /** We carry the article in full (our own, or a full-text source's): readers stay here. */
  hosted: boolean;
  /** A copy of another article in the story: it never leads while an original is there. */
  copy: boolean;
  /** The source's weight (higher leads). */
  weight: number;
  /** Published time, in milliseconds. */
  time: number;
  /** Order of arrival (article id, index slot): the first one wins a full tie. */
  order: number;
}

/** Articles we carry in full: our own and those from full-text sources. */
export function isHostedKind(kind: string): boolean {
  return kind === "own" || kind === "full";
}

/** True when `a` should lead instead of `b`: original, hosted, weightier, earlier, first. */
export function leadsOver(a: LeadCandidate, b: LeadCandidate): boolean {
  if (a.copy !== b.copy) return !a.copy;
  if (a.hosted !== b.hosted) return a.hosted;
  if (a.weight !== b.weight) return a.weight > b.weight;
  if (a.time !== b.time) return a.time < b.time;
  return a.order < b.order;
}

/** The story's lead article, or undefined for an empty story. */
export function storyLead<T extends LeadCandidate>(members: readonly T[]): T | undefined {
  let lead: T | undefined;
  for (const m of members) if (lead === undefined || leadsOver(m, lead)) lead = m;
  return lead;
}

export interface SourcedArticle {
  source: string;
  /** Published time, in milliseconds. */
  time: number;
  copy?: boolean | undefined;
}

/**
 * Distinct sources per hour whose first report in the story (copies are not reports) came
 * at or after `now - hours`: how fast coverage spreads, not how often one outlet updates.
 * A first report dated after `now` (a publisher's clock ahead of ours) is recent too.
 */
export function storyVelocity(
  members: readonly SourcedArticle[],
  now: number,
  hours = VELOCITY_HOURS,
): number {
  if (hours <= 0) return 0;
  const first = new Map<string, number>();
  for (const m of members) {
    if (m.copy) continue;
    const seen = first.get(m.source);
    if (seen === undefined || m.time < seen) first.set(m.source, m.time);
  }
  const since = now - hours * HOUR;
  let recent = 0;
  for (const time of first.values()) if (time >= since) recent++;
  return recent / hours;
}
