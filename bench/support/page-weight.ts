import { request } from "node:http";
import type { Json } from "./bench-result.ts";
import { LOOPBACK } from "./loopback.ts";
import { pageAssets } from "./page-links.ts";

/** What a phone browser offers; the server picks one. */
const ACCEPT_ENCODING = "br, gzip";

export interface EncodedResponse {
  path: string;
  status: number;
  encoding: string;
  /** Status line and headers as they crossed the wire. */
  headerBytes: number;
  /** The body as sent, still compressed. */
  bodyBytes: number;
  body: Buffer;
}

/** One GET offering br and gzip; the body is kept compressed, as it was transferred. */
export function getEncoded(
  port: number,
  path: string,
  timeoutMs = 5_000,
): Promise<EncodedResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: LOOPBACK,
        port,
        path,
        method: "GET",
        agent: false,
        timeout: timeoutMs,
        headers: { "accept-encoding": ACCEPT_ENCODING },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          let headerBytes = Buffer.byteLength(
            `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}\r\n\r\n`,
          );
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
            headerBytes += Buffer.byteLength(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`);
          }
          const body = Buffer.concat(chunks);
          resolve({
            path,
            status: res.statusCode ?? 0,
            encoding: String(res.headers["content-encoding"] ?? "identity"),
            headerBytes,
            bodyBytes: body.length,
            body,
          });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`GET ${path}: no answer in ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}

export interface PageWeight {
  /** Headers plus compressed bodies of the page, its stylesheets and its scripts. */
  transferred: number;
  parts: { path: string; encoding: string; headerBytes: number; bodyBytes: number }[];
  images: number;
  foreign: string[];
}

/**
 * The bytes a first visit transfers before images: the page, then every stylesheet and
 * script it names, each fetched the way a browser would (compressed).
 */
export async function pageWeight(port: number, path: string, html: string): Promise<PageWeight> {
  const assets = pageAssets(html);
  const responses = [await getEncoded(port, path)];
  for (const asset of [...assets.styles, ...assets.scripts]) {
    const res = await getEncoded(port, asset);
    if (res.status !== 200) throw new Error(`${path} names ${asset}, which answers ${res.status}`);
    responses.push(res);
  }
  return {
    transferred: responses.reduce((sum, r) => sum + r.headerBytes + r.bodyBytes, 0),
    parts: responses.map(({ path: p, encoding, headerBytes, bodyBytes }) => ({
      path: p,
      encoding,
      headerBytes,
      bodyBytes,
    })),
    images: assets.images.length,
    foreign: assets.foreign,
  };
}

export function weightJson(weight: PageWeight): Json {
  return {
    transferred: weight.transferred,
    parts: weight.parts.map((p) => ({ ...p })),
    images: weight.images,
    foreign: weight.foreign,
  };
}
