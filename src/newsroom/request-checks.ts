import type { FastifyRequest } from "fastify";
import { AppError } from "../domain/errors.ts";

/** An id from a path or a field, or a 404 (never a database error for `/sections/abc`). */
export function parseId(raw: unknown, what = "item"): number {
  const s = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw : "";
  if (!/^\d{1,9}$/.test(s)) throw new AppError("not_found", `no such ${what}`, { status: 404 });
  return Number(s);
}

/** A route's numeric `:id`, or a 404. */
export function idParam(request: FastifyRequest): number {
  return parseId((request.params as { id?: string }).id);
}

/**
 * An API route's schema check (`attachValidation`), said as the API says errors: a path
 * that names nothing is a 404, a body that fails is a 400 naming the field.
 */
export function refuseInvalid(request: FastifyRequest, what = "item"): void {
  const failure = request.validationError as
    | (Error & {
        validation?: {
          instancePath?: string;
          message?: string;
          params?: { missingProperty?: string };
        }[];
        validationContext?: string;
      })
    | undefined;
  if (!failure) return;
  if (failure.validationContext === "params") {
    throw new AppError("not_found", `no such ${what}`, { status: 404 });
  }
  const first = failure.validation?.[0];
  const field =
    first?.params?.missingProperty ??
    (first?.instancePath ?? "").replace(/^\//, "").split("/")[0] ??
    "";
  const message = first?.params?.missingProperty
    ? `The ${field} is required.`
    : field
      ? `The ${field} ${first?.message ?? "is not valid"}.`
      : `The request body ${first?.message ?? "is not valid"}.`;
  throw new AppError("invalid_body", message, {
    status: 400,
    ...(field ? { context: { field } } : {}),
  });
}
