import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isAppError } from "../domain/errors.ts";
import { LOG } from "../domain/log-events.ts";

interface Mapped {
  status: number;
  code: string;
  message: string;
}

/** The one place errors become responses: stable codes out, never internals. */
export function mapError(error: unknown): Mapped {
  if (isAppError(error)) return { status: error.status, code: error.code, message: error.message };
  const fe = error as Partial<FastifyError>;
  if (typeof fe.statusCode === "number" && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      status: fe.statusCode,
      code: (fe.code ?? "bad_request").toLowerCase().replace(/^fst_err_/, ""),
      message: fe.message ?? "bad request",
    };
  }
  return { status: 500, code: "internal", message: "internal error; it has been logged" };
}

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith("/api/") || request.url === "/healthz" || request.url === "/readyz";
}

export function installErrorHandling(
  app: FastifyInstance,
  renderHtml: (status: 400 | 404 | 500) => string,
): void {
  const send = (request: FastifyRequest, reply: FastifyReply, mapped: Mapped) => {
    reply.code(mapped.status).header("cache-control", "no-store");
    if (wantsJson(request))
      return reply.send({ error: { code: mapped.code, message: mapped.message } });
    const page = mapped.status === 404 ? 404 : mapped.status >= 500 ? 500 : 400;
    return reply.type("text/html; charset=utf-8").send(renderHtml(page));
  };

  app.setErrorHandler((error, request, reply) => {
    const mapped = mapError(error);
    if (mapped.status >= 500) {
      request.log.error(
        { event: LOG.requestFailed, err: error, url: request.url },
        "request failed",
      );
    }
    return send(request, reply, mapped);
  });

  app.setNotFoundHandler((request, reply) =>
    send(request, reply, {
      status: 404,
      code: "not_found",
      message: `no route for ${request.method} ${request.url.split("?")[0]}`,
    }),
  );
}
