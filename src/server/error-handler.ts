import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isAppError } from "../domain/errors.ts";
import { LOG } from "../domain/log-events.ts";
import { isStatusCode, type StatusCode } from "../site/status-page.tsx";

interface Mapped {
  status: number;
  code: string;
  message: string;
  /** The form field or parameter at fault, when one is. */
  field?: string;
  /** Seconds, for a 429. */
  retryAfter?: number;
}

/** The one place errors become responses: stable codes out, never internals. */
export function mapError(error: unknown): Mapped {
  if (isAppError(error)) {
    const { field, retryAfter } = error.context;
    return {
      ...(typeof retryAfter === "number" ? { retryAfter } : {}),
      status: error.status,
      code: error.code,
      message: error.message,
      ...(typeof field === "string" ? { field } : {}),
    };
  }
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
  const { url } = request;
  // `/live` and `/live/poll` are read by scripts and curl: they get the reason as JSON.
  if (url === "/live" || url.startsWith("/live?") || url.startsWith("/live/")) return true;
  // `/push/`: the reader's browser subscribing to Web Push reads the field at fault.
  if (url.startsWith("/push/")) return true;
  return url.startsWith("/api/") || url === "/healthz" || url === "/readyz";
}

export function installErrorHandling(
  app: FastifyInstance,
  renderHtml: (status: StatusCode, detail?: string) => string,
): void {
  const send = (request: FastifyRequest, reply: FastifyReply, mapped: Mapped) => {
    reply.code(mapped.status).header("cache-control", "no-store");
    if ((mapped.status === 429 || mapped.status === 503) && mapped.retryAfter) {
      reply.header("retry-after", mapped.retryAfter);
    }
    const { code, message, field } = mapped;
    if (wantsJson(request)) {
      return reply.send({ error: { code, message, ...(field ? { field } : {}) } });
    }
    const page = isStatusCode(mapped.status) ? mapped.status : mapped.status >= 500 ? 500 : 400;
    // The reader's pages say only what went wrong in general; the newsroom says what exactly.
    const detail = page < 500 && request.url.startsWith("/newsroom") ? message : undefined;
    return reply.type("text/html; charset=utf-8").send(renderHtml(page, detail));
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
