import type { FastifyInstance, RouteOptions } from "fastify";

/** What a route says of itself in the OpenAPI document, beside its schema. */
export interface ApiDoc {
  summary: string;
  description?: string;
  tags?: string[];
  /** Query parameters of a route whose query is not a schema (parsed by hand). */
  query?: { name: string; description: string; schema: object }[];
  /** Example or shape of the 2xx answer, as JSON Schema. */
  response?: object;
}

declare module "fastify" {
  interface FastifyContextConfig {
    openapi?: ApiDoc;
  }
}

interface JsonSchemaObject {
  type?: unknown;
  properties?: Record<string, object>;
  required?: string[];
}

type Operation = Record<string, unknown>;

function parametersOf(schema: unknown, where: "path" | "query"): object[] {
  const s = schema as JsonSchemaObject | undefined;
  if (!s?.properties) return [];
  return Object.entries(s.properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || (s.required ?? []).includes(name),
    schema: property,
  }));
}

function operationOf(route: RouteOptions): Operation {
  const doc = route.config?.openapi;
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const parameters = [
    ...parametersOf(schema.params, "path"),
    ...parametersOf(schema.querystring, "query"),
    ...(doc?.query ?? []).map((q) => ({ in: "query", required: false, ...q })),
  ];
  const access = route.config?.access;
  const secured = access !== undefined && access !== "public";
  const ok = doc?.response ?? (schema.response as Record<string, unknown> | undefined)?.["200"];
  return {
    summary: doc?.summary ?? `${route.method} ${route.url}`,
    ...(doc?.description ? { description: doc.description } : {}),
    ...(doc?.tags ? { tags: doc.tags } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(schema.body
      ? {
          requestBody: { required: true, content: { "application/json": { schema: schema.body } } },
        }
      : {}),
    ...(secured ? { security: [{ bearer: [] }], "x-dispatch-role": access } : {}),
    responses: {
      "200": {
        description: "OK",
        ...(ok ? { content: { "application/json": { schema: ok } } } : {}),
      },
      "400": { $ref: "#/components/responses/Error" },
      ...(secured
        ? {
            "401": { $ref: "#/components/responses/Error" },
            "403": { $ref: "#/components/responses/Error" },
          }
        : {}),
    },
  };
}

/**
 * `/api/v1/openapi.json`, generated from the routes themselves as they are added: their
 * TypeBox schemas (parameters, bodies, answers), their declared access (bearer token and
 * role) and their `config.openapi` words. Call before the API routes are registered.
 */
export function installOpenApi(
  app: FastifyInstance,
  info: { title: string; siteUrl: string },
): void {
  const paths: Record<string, Record<string, Operation>> = {};
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/v1/") || route.url === "/api/v1/openapi.json") return;
    const path = route.url.replace(/:([A-Za-z_]\w*)/g, "{$1}");
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === "HEAD") continue;
      paths[path] ??= {};
      paths[path][method.toLowerCase()] = operationOf(route);
    }
  });
  let document: string | null = null;
  app.get("/api/v1/openapi.json", async (_request, reply) => {
    document ??= JSON.stringify({
      openapi: "3.1.0",
      info: { title: `${info.title} API`, version: "1" },
      servers: [{ url: info.siteUrl }],
      paths,
      components: {
        securitySchemes: {
          bearer: {
            type: "http",
            scheme: "bearer",
            description: "An API token made by an admin at /newsroom/tokens, scoped to a role",
          },
        },
        responses: {
          Error: {
            description: "What went wrong, with a stable code and the field at fault",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    error: {
                      type: "object",
                      properties: {
                        code: { type: "string" },
                        message: { type: "string" },
                        field: { type: "string" },
                      },
                      required: ["code", "message"],
                    },
                  },
                },
              },
            },
          },
        },
      },
    });
    return reply
      .header("content-type", "application/json; charset=utf-8")
      .header("cache-control", "public, max-age=300")
      .send(document);
  });
}
