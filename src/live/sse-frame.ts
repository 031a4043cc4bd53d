import { AppError } from "../domain/errors.ts";
import { formatLiveId, type LiveEvent } from "../domain/live-event.ts";

/** CR, LF and NUL end a field or a stream: never in an id or an event name. */
const FIELD_BREAK = /[\r\n\0]/;

function field(name: string, value: string): string {
  if (FIELD_BREAK.test(value)) {
    throw new AppError("sse_field", `an SSE ${name} may not contain CR, LF or NUL`, {
      context: { name },
    });
  }
  return value;
}

/**
 * One Server-Sent Events message: `id:`, `event:`, then one `data:` line per line of the
 * data (a browser joins them with LF), then the blank line that dispatches it.
 */
export function sseMessage(message: { id?: string; event?: string; data: string }): string {
  let out = "";
  if (message.id !== undefined) out += `id: ${field("id", message.id)}\n`;
  if (message.event !== undefined) out += `event: ${field("event", message.event)}\n`;
  for (const line of message.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** A log event on the wire: `<epoch>:<id>`, its type as the event name, itself as the data. */
export function eventMessage(epoch: string, event: LiveEvent): string {
  return sseMessage({
    id: formatLiveId(epoch, event.id),
    event: event.type,
    data: JSON.stringify(event),
  });
}

/** The reconnection delay a browser's EventSource uses, in ms. */
export function retryLine(ms: number): string {
  return `retry: ${Math.max(0, Math.round(ms))}\n\n`;
}

/** A comment: proxies see traffic, browsers ignore it. */
export const HEARTBEAT = ": \n\n";
