import { type ClientRequest, type IncomingMessage, request } from "node:http";

/** One parsed SSE message (or a `retry:` hint / comment block, which has no data). */
export interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
  retry?: number;
  comment?: boolean;
}

/**
 * A `curl -N` of a live stream for tests: the raw bytes as they came, the messages parsed
 * as a browser would, and a way to wait for one.
 */
export interface SseClient {
  status: number;
  headers: IncomingMessage["headers"];
  raw(): string;
  messages(): SseMessage[];
  /** The first message (from the start) that matches, within the time. */
  next(match: (m: SseMessage) => boolean, timeoutMs?: number, what?: string): Promise<SseMessage>;
  /** Resolves when the server ends the stream. */
  ended(): Promise<void>;
  close(): void;
}

export function openSse(
  url: string,
  headers: Record<string, string> = {},
  localAddress?: string,
): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    let req: ClientRequest | null = null;
    req = request(url, { headers: { accept: "text/event-stream", ...headers }, localAddress });
    req.on("error", reject);
    req.on("response", (res) => {
      let raw = "";
      let buffer = "";
      const parsed: SseMessage[] = [];
      const waiters = new Set<() => void>();
      let done = false;
      const endWaiters: (() => void)[] = [];
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        raw += chunk;
        buffer += chunk;
        for (;;) {
          const end = buffer.indexOf("\n\n");
          if (end < 0) break;
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const message: SseMessage = {};
          const data: string[] = [];
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) message.comment = true;
            const colon = line.indexOf(":");
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
            if (field === "id") message.id = value;
            else if (field === "event") message.event = value;
            else if (field === "data") data.push(value);
            else if (field === "retry") message.retry = Number(value);
          }
          if (data.length > 0) message.data = data.join("\n");
          parsed.push(message);
        }
        for (const wake of waiters) wake();
      });
      res.on("close", () => {
        done = true;
        for (const wake of waiters) wake();
        for (const wake of endWaiters) wake();
      });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        raw: () => raw,
        messages: () => parsed,
        next(match, timeoutMs = 2_000, what = "an SSE message") {
          return new Promise((ok, fail) => {
            const check = () => {
              const found = parsed.find(match);
              if (found) {
                finish();
                ok(found);
              } else if (done) {
                finish();
                fail(new Error(`stream ended before ${what}; got:\n${raw}`));
              }
            };
            const timer = setTimeout(() => {
              finish();
              fail(new Error(`no ${what} within ${timeoutMs} ms; got:\n${raw}`));
            }, timeoutMs);
            const finish = () => {
              clearTimeout(timer);
              waiters.delete(check);
            };
            waiters.add(check);
            check();
          });
        },
        ended: () =>
          done ? Promise.resolve() : new Promise<void>((ok) => endWaiters.push(() => ok())),
        close: () => req?.destroy(),
      });
    });
    req.end();
  });
}
