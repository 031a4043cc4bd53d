import type { LiveChannel, LiveEvent } from "../domain/live-event.ts";

/** The log's head: its epoch, the id of its last event, and the last id pruned away. */
export interface LogHead {
  epoch: string;
  lastId: number;
  prunedThrough: number;
}

/**
 * What the live side reads from storage (db/event-repository.ts implements it): the
 * bus, the stream and the poll never import the database.
 */
export interface LiveLog {
  head(): Promise<LogHead>;
  /**
   * Events after `id`, ascending, at most `limit`; only these channels, or all when null.
   * Asked again at reading time, the gate drops what readers may no longer see (an
   * article killed or unpublished since, its live blog with it).
   */
  after(id: number, channels: readonly LiveChannel[] | null, limit: number): Promise<LogPage>;
}

/**
 * Events read, and the id of the last row looked at: the gate may drop rows, so a reader
 * goes on from `through`, not from its last event (a page of dropped rows is not the end).
 * `full`: the limit was reached, there may be more.
 */
export interface LogPage {
  events: LiveEvent[];
  through: number;
  full: boolean;
}

/** Where a client's id leaves it: go on from an id, or be told to resync. */
export type Resume = { kind: "from"; id: number } | { kind: "resync" };

/**
 * A client's position against the head: from another epoch, ahead of the head (a backup
 * restored under it) or behind what was pruned, it cannot be served and must resync.
 */
export function resumeFrom(position: { epoch: string | null; id: number }, head: LogHead): Resume {
  if (position.epoch !== null && position.epoch !== head.epoch) return { kind: "resync" };
  // A bare id without an epoch: only 0, "from the start", is meaningful.
  if (position.epoch === null && position.id !== 0) return { kind: "resync" };
  if (position.id > head.lastId) return { kind: "resync" };
  if (position.id < head.prunedThrough) return { kind: "resync" };
  return { kind: "from", id: position.id };
}
