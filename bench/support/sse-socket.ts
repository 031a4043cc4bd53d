import { connect, type Socket } from "node:net";

/**
 * One SSE stream over a bare socket: a hand-written GET, the status line and headers read
 * once, then the chunked body decoded and handed on as text. node:http's client costs
 * several times more per received chunk (a Readable per response, string decoding), and
 * with 3,000 streams a process that would make the load generator set the pace of the
 * benchmark rather than the server. Latin-1 keeps one character per byte, so chunk sizes
 * are string lengths; frames are only searched for ASCII (`id:`, `event:`).
 */
export interface SseSocket {
  socket: Socket;
  close(): void;
}

export interface SseRefusal {
  status: number | null;
  message: string;
}

export function openSseSocket(options: {
  port: number;
  path: string;
  localAddress?: string;
  headers?: Record<string, string>;
  /** Decoded body text, with the time its packet arrived. */
  onText: (text: string, at: number) => void;
  onClose: () => void;
  now: () => number;
}): Promise<SseSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: "127.0.0.1",
      port: options.port,
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    });
    socket.setEncoding("latin1");
    let head = "";
    let open = false;
    let chunked = false;
    // Chunked decoding state: bytes left of the current chunk, or -1 while reading a size line.
    let left = -1;
    let pending = "";
    const extra = Object.entries(options.headers ?? {})
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join("");
    socket.on("connect", () => {
      socket.write(
        `GET ${options.path} HTTP/1.1\r\nHost: 127.0.0.1:${options.port}\r\nAccept: text/event-stream\r\n${extra}\r\n`,
      );
    });

    function body(data: string, at: number): void {
      if (!chunked) {
        options.onText(data, at);
        return;
      }
      pending += data;
      let out = "";
      for (;;) {
        if (left < 0) {
          const eol = pending.indexOf("\r\n");
          if (eol < 0) break;
          left = Number.parseInt(pending.slice(0, eol), 16);
          pending = pending.slice(eol + 2);
          if (left === 0) {
            socket.end();
            break;
          }
        }
        // The chunk's bytes and the CRLF after them.
        if (pending.length < left + 2) {
          if (pending.length > 0 && pending.length <= left) {
            out += pending;
            left -= pending.length;
            pending = "";
          }
          break;
        }
        out += pending.slice(0, left);
        pending = pending.slice(left + 2);
        left = -1;
      }
      if (out !== "") options.onText(out, at);
    }

    socket.on("data", (data: string) => {
      const at = options.now();
      if (open) {
        body(data, at);
        return;
      }
      head += data;
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      const headers = head.slice(0, end).toLowerCase();
      const rest = head.slice(end + 4);
      if (status !== 200) {
        socket.destroy();
        reject({ status, message: `${head.slice(0, end).split("\r\n")[0]} ${rest.slice(0, 300)}` });
        return;
      }
      open = true;
      chunked = /\r\ntransfer-encoding: *chunked/.test(headers);
      head = "";
      resolve({ socket, close: () => socket.destroy() });
      if (rest !== "") body(rest, at);
    });
    socket.on("error", (error) => {
      if (!open) reject({ status: null, message: error.message });
    });
    socket.on("close", () => {
      if (open) options.onClose();
      else reject({ status: null, message: "closed before the response headers" });
    });
  });
}
