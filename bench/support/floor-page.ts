import { createServer, type Server } from "node:http";
import { LOOPBACK } from "./loopback.ts";

// The least a page can be that still passes every audit: no stylesheet, no script, no image.
// What Lighthouse says about it is what this machine alone costs, since no site is involved.
const FLOOR_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Floor page</title><meta name="description" content="A page with nothing to load.">
</head><body><main><h1>Floor page</h1><p>Text only, from node:http.</p></main></body></html>
`;

const ROBOTS = "User-agent: *\nAllow: /\n";

export interface FloorServer {
  url: string;
  close(): Promise<void>;
}

export async function startFloorServer(): Promise<FloorServer> {
  const server: Server = createServer((req, res) => {
    const robots = req.url === "/robots.txt";
    res.writeHead(robots || req.url === "/" ? 200 : 404, {
      "content-type": robots ? "text/plain; charset=utf-8" : "text/html; charset=utf-8",
      "cache-control": "public, max-age=60",
    });
    res.end(robots ? ROBOTS : FLOOR_HTML);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, LOOPBACK, resolve);
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("floor server: no port");
  return {
    url: `http://${LOOPBACK}:${address.port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
