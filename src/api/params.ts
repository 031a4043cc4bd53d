import { AppError } from "../domain/errors.ts";

/**
 * Query strings arrive as `unknown` (a key may repeat and become an array). These turn
 * them into typed values once, each failure a 400 naming the parameter.
 */
export function queryObject(query: unknown, allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof query !== "object" || query === null) return out;
  for (const [key, value] of Object.entries(query)) {
    if (!allowed.includes(key)) {
      throw badParam(key, `unknown parameter; allowed: ${allowed.join(", ")}`);
    }
    if (typeof value !== "string") throw badParam(key, "give it once");
    out[key] = value;
  }
  return out;
}

export function badParam(name: string, message: string): AppError {
  return new AppError("bad_parameter", `${name}: ${message}`, {
    status: 400,
    context: { parameter: name },
  });
}

export function intParam(
  value: string | undefined,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value)) throw badParam(name, `must be an integer from ${min} to ${max}`);
  const n = Number(value);
  if (n < min || n > max) throw badParam(name, `must be an integer from ${min} to ${max}`);
  return n;
}

export function enumParam<T extends string>(
  value: string | undefined,
  name: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw badParam(name, `must be one of ${allowed.join(", ")}`);
}

export function textParam(
  value: string | undefined,
  name: string,
  maxLength: number,
): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === "") throw badParam(name, "must not be empty");
  if (trimmed.length > maxLength) throw badParam(name, `must be at most ${maxLength} characters`);
  return trimmed;
}
