import { AppError } from "../domain/errors.ts";

/**
 * A submitted form (urlencoded, or a JSON body from a script) as fields of text. A field
 * sent twice takes its first value; a form that is not an object is a 400.
 */
export interface Form {
  /** The field trimmed, or "" when absent. Longer than `max` is a 400 naming the field. */
  text(name: string, max?: number): string;
  /** The field exactly as sent (passwords, Markdown): not trimmed. */
  raw(name: string, max?: number): string;
  /** A checkbox: present and not "off"/"false"/"0". */
  flag(name: string): boolean;
  has(name: string): boolean;
}

export function tooLong(field: string, max: number): AppError {
  return new AppError("field_too_long", `${field} is longer than ${max} characters`, {
    status: 400,
    context: { field },
  });
}

export function readForm(body: unknown): Form {
  if (body !== undefined && body !== null && (typeof body !== "object" || Array.isArray(body))) {
    throw new AppError("bad_form", "the form could not be read", { status: 400 });
  }
  const fields = (body ?? {}) as Record<string, unknown>;
  const value = (name: string): string | null => {
    if (!Object.hasOwn(fields, name)) return null;
    const v = fields[name];
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === "string") return first;
    if (typeof first === "number" || typeof first === "boolean") return String(first);
    return null;
  };
  const raw = (name: string, max = 10_000) => {
    const v = value(name) ?? "";
    if (v.length > max) throw tooLong(name, max);
    return v;
  };
  return {
    raw,
    text(name, max = 1_000) {
      const v = (value(name) ?? "").trim();
      if (v.length > max) throw tooLong(name, max);
      return v;
    },
    flag: (name) => {
      const v = value(name);
      return v !== null && !["", "off", "false", "0"].includes(v.toLowerCase());
    },
    has: (name) => value(name) !== null,
  };
}
