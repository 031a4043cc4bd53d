// The ceiling: plain node:http answering from memory with bytes and headers captured from
// Dispatch. Run as its own process: `node --import tsx raw-server.ts <port> <manifest.json>`.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { LOOPBACK } from "./loopback.ts";

export interface RawRoute {
  path: string;
  status: number;
  /** Flat [name, value, name, value…] in Dispatch's wire order. */
  headers: string[];
  bodyFile: string;
}

function main(): void {
  const [portArg, manifestFile] = process.argv.slice(2);
  if (portArg === undefined || manifestFile === undefined) {
    throw new Error("usage: raw-server.ts <port> <manifest.json>");
  }
  const routes = new Map<string, { status: number; headers: string[]; body: Buffer }>();
  for (const route of JSON.parse(readFileSync(manifestFile, "utf8")) as RawRoute[]) {
    routes.set(route.path, {
      status: route.status,
      headers: route.headers,
      body: readFileSync(route.bodyFile),
    });
  }

  const server = createServer((req, res) => {
    const route = routes.get(req.url ?? "");
    if (route === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(route.status, route.headers);
    res.end(route.body);
  });
  // Fastify's default, so both servers send the same Keep-Alive header.
  server.keepAliveTimeout = 72_000;
  server.listen(Number(portArg), LOOPBACK);
  // Nothing to flush or finish: the load generator has stopped before we are told to go.
  process.once("SIGTERM", () => process.exit(0));
}

main();
