import assert from "node:assert/strict";
import { test } from "node:test";
import helmet from "@fastify/helmet";
import Fastify, { type FastifyInstance } from "fastify";
import { installSecurityHeaders } from "./security-headers.ts";

// The options app.ts gave @fastify/helmet before the headers were built once: the
// precomputed block must keep saying exactly what helmet said.
function helmetOptions(https: boolean) {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000 } : false,
    crossOriginEmbedderPolicy: false,
  } as const;
}

function withRoutes(app: FastifyInstance): FastifyInstance {
  app.get("/page", async (_request, reply) => reply.type("text/html").send("<p>hi</p>"));
  app.get("/fails", async () => {
    throw new Error("boom");
  });
  return app;
}

async function headersOf(app: FastifyInstance, url: string): Promise<Record<string, string>> {
  const res = await app.inject({ method: "GET", url });
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (["date", "connection", "content-length", "keep-alive"].includes(name)) continue;
    out[name] = String(value);
  }
  return out;
}

for (const https of [false, true]) {
  test(`the same headers as helmet on pages, errors and 404s (https: ${https})`, async () => {
    const viaHelmet = Fastify();
    await viaHelmet.register(helmet, helmetOptions(https));
    withRoutes(viaHelmet);
    const ours = Fastify();
    installSecurityHeaders(ours, { https });
    withRoutes(ours);
    for (const url of ["/page", "/fails", "/missing"]) {
      const expected = await headersOf(viaHelmet, url);
      assert.ok(expected["content-security-policy"], "helmet sent a policy");
      assert.deepEqual(await headersOf(ours, url), expected, url);
    }
    assert.equal(
      (await headersOf(ours, "/page"))["strict-transport-security"] !== undefined,
      https,
      "HSTS only behind https",
    );
    await Promise.all([viaHelmet.close(), ours.close()]);
  });
}

test("a handler can still override one of them", async () => {
  const app = Fastify();
  installSecurityHeaders(app, { https: false });
  app.get("/framed", async (_request, reply) => reply.header("x-frame-options", "DENY").send("x"));
  const res = await app.inject({ method: "GET", url: "/framed" });
  assert.equal(res.headers["x-frame-options"], "DENY");
  await app.close();
});
