import { type LeadCandidate, leadsOver, storyVelocity } from "../../domain/story-lead.ts";
import type { ArticleTerms } from "./article-terms.ts";
import type { Story } from "./story.ts";
import type { CentroidInput } from "./story-centroids.ts";

/** An indexed article: what the index keeps of it. */
export interface ArticleRecord {
  /** Its number in the index's band tables and posting lists. */
  slot: number;
  id: string;
  title: string;
  source: string;
  time: number;
  /** The source's weight, for picking a story's lead. */
  weight: number;
  /** We carry it in full: it leads its story before linked coverage. */
  hosted: boolean;
  story: StoryState;
  duplicateOf: string | null;
  terms: ArticleTerms;
  /** What it added to its story's centroid, taken out again when it is evicted. */
  centroid: CentroidInput;
}

/** A story's members in time order, its distinct sources, its lead. */
export interface StoryState {
  id: string;
  members: ArticleRecord[];
  sources: Map<string, number>;
  lead: ArticleRecord;
  firstSeen: number;
}

export function addMember(story: StoryState, record: ArticleRecord): void {
  // Articles mostly arrive in time order, so this is usually a push.
  let i = story.members.length;
  while (i > 0 && (story.members[i - 1] as ArticleRecord).time > record.time) i--;
  story.members.splice(i, 0, record);
  story.sources.set(record.source, (story.sources.get(record.source) ?? 0) + 1);
  story.firstSeen = Math.min(story.firstSeen, record.time);
  if (better(record, story.lead)) story.lead = record;
}

/** Drops members that fail `live`; false when none is left. */
export function keepMembers(story: StoryState, live: (record: ArticleRecord) => boolean): boolean {
  story.members = story.members.filter(live);
  if (story.members.length === 0) return false;
  story.sources = new Map();
  for (const m of story.members)
    story.sources.set(m.source, (story.sources.get(m.source) ?? 0) + 1);
  if (!live(story.lead)) {
    let lead = story.members[0] as ArticleRecord;
    for (const m of story.members) if (better(m, lead)) lead = m;
    story.lead = lead;
  }
  return true;
}

function candidate(r: ArticleRecord): LeadCandidate {
  return {
    hosted: r.hosted,
    copy: r.duplicateOf !== null,
    weight: r.weight,
    time: r.time,
    order: r.slot,
  };
}

/** The one lead rule (`domain/story-lead.ts`), with the slot as the order of arrival. */
function better(a: ArticleRecord, b: ArticleRecord): boolean {
  return leadsOver(candidate(a), candidate(b));
}

export function snapshot(story: StoryState, clock: number, velocityHours: number): Story {
  const members = story.members;
  const last = members[members.length - 1] as ArticleRecord;
  const sourced = members.map((m) => ({
    source: m.source,
    time: m.time,
    copy: m.duplicateOf !== null,
  }));
  return {
    id: story.id,
    title: story.lead.title,
    leadArticleId: story.lead.id,
    sourceCount: story.sources.size,
    articleCount: members.length,
    firstSeen: new Date(story.firstSeen).toISOString(),
    lastSeen: new Date(last.time).toISOString(),
    velocity: storyVelocity(sourced, clock, velocityHours),
    timeline: members.map((m) => ({
      articleId: m.id,
      source: m.source,
      published: new Date(m.time).toISOString(),
      duplicateOf: m.duplicateOf,
    })),
  };
}
