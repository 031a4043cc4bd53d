import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { LOOPBACK } from "./loopback.ts";

export interface FixtureRoute {
  body: Buffer;
  contentType: string;
}

export interface FixtureServer {
  base: string;
  close(): Promise<void>;
}

/** Answers GETs from memory on loopback: the feeds a fetcher under test reads. */
export async function startFixtureServer(
  routes: Map<string, FixtureRoute>,
): Promise<FixtureServer> {
  const server: Server = createServer((req, res) => {
    const route = routes.get(req.url ?? "");
    if (route === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": route.contentType, "content-length": route.body.length });
    res.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://${LOOPBACK}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
