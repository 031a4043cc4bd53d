import { type LiveChannel, parseChannel } from "../domain/live-event.ts";
import type { Moved } from "./serve-cached.ts";

/** The events log's head: its epoch and the id of its last event (db/event-repository.ts). */
export interface LiveHead {
  epoch: string;
  lastId: number;
}

/** What a page embeds for its client: the head it reflects and the channels it listens to. */
export interface LiveStamp extends LiveHead {
  channels: LiveChannel[];
}

export type LiveHeadReader = () => Promise<LiveHead>;

/**
 * A loader that reads the log's head first, then the page: an event appended while the page
 * renders is after the head the page embeds, so the client's first connection replays it
 * (applying it is idempotent: what the page already shows is skipped). The same order as
 * the page cache's stamp. `breaking` is every page's channel; a slug no channel can carry
 * (a section named in another script) is left out rather than refused.
 */
export function withLiveHead<R, P extends { site: { live?: LiveStamp | null } }>(
  head: LiveHeadReader | undefined,
  load: (request: R) => Promise<P | Moved | null>,
  channels: (props: P, request: R) => readonly string[],
): (request: R) => Promise<P | Moved | null> {
  if (!head) return load;
  return async (request) => {
    const at = await head();
    const props = await load(request);
    if (props === null || "movedTo" in props) return props;
    const named = [...channels(props, request), "breaking"].map(parseChannel);
    const live: LiveStamp = {
      epoch: at.epoch,
      lastId: at.lastId,
      channels: [...new Set(named.filter((c): c is LiveChannel => c !== null))],
    };
    return { ...props, site: { ...props.site, live } };
  };
}

/** The meta tag's content: `<epoch>:<lastId>`. */
export function liveMetaContent(stamp: LiveHead): string {
  return `${stamp.epoch}:${stamp.lastId}`;
}
