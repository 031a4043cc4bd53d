import { writeFileSync } from "node:fs";
import path from "node:path";
import { type Fetched, get } from "./loopback.ts";
import type { RawRoute } from "./raw-server.ts";

// Written by node:http itself on every response, so neither server copies them.
const PER_CONNECTION = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);

function copiedHeaders(res: Fetched): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
    const name = res.rawHeaders[i] ?? "";
    if (!PER_CONNECTION.has(name.toLowerCase())) out.push(name, res.rawHeaders[i + 1] ?? "");
  }
  return out;
}

function headerLines(res: Fetched): string[] {
  const flat = copiedHeaders(res);
  const lines: string[] = [];
  for (let i = 0; i < flat.length; i += 2) lines.push(`${flat[i]?.toLowerCase()}: ${flat[i + 1]}`);
  return lines.sort();
}

export interface CapturedPage {
  path: string;
  bytes: number;
  headers: string[];
}

/**
 * Fetches each page from Dispatch once and writes what the raw server needs to send the
 * same response: the body to a file, the headers and the manifest as JSON.
 */
export async function capturePages(
  port: number,
  paths: string[],
  dir: string,
): Promise<{ manifest: string; pages: CapturedPage[] }> {
  const routes: RawRoute[] = [];
  const pages: CapturedPage[] = [];
  for (const [i, pagePath] of paths.entries()) {
    const res = await get(port, pagePath);
    if (res.status !== 200) throw new Error(`GET ${pagePath} answered ${res.status}, not 200`);
    const bodyFile = path.join(dir, `page-${i}.body`);
    writeFileSync(bodyFile, res.body);
    routes.push({ path: pagePath, status: res.status, headers: copiedHeaders(res), bodyFile });
    pages.push({ path: pagePath, bytes: res.body.length, headers: headerLines(res) });
  }
  const manifest = path.join(dir, "raw-routes.json");
  writeFileSync(manifest, JSON.stringify(routes));
  return { manifest, pages };
}

/** Throws unless both servers answer `pagePath` with the same status, headers and body. */
export async function assertSameResponse(
  pagePath: string,
  dispatchPort: number,
  rawPort: number,
): Promise<void> {
  const [a, b] = await Promise.all([get(dispatchPort, pagePath), get(rawPort, pagePath)]);
  const ha = headerLines(a).join("\n");
  const hb = headerLines(b).join("\n");
  if (a.status !== b.status || ha !== hb || !a.body.equals(b.body)) {
    throw new Error(
      `GET ${pagePath}: the raw server does not send what Dispatch sends ` +
        `(status ${a.status}/${b.status}, body ${a.body.length}/${b.body.length} bytes)\n` +
        `dispatch headers:\n${ha}\nraw headers:\n${hb}`,
    );
  }
}
