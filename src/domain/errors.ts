/**
 * The one error type that crosses module boundaries. `code` is stable (tests, logs and
 * API clients branch on it); `status` is the HTTP status where the error reaches a route;
 * `context` carries the facts a person needs to act on it.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    message: string,
    options: { status?: number; context?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = options.status ?? 500;
    this.context = options.context ?? {};
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** For messages about values we did not expect: never throws, never prints a megabyte. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error).slice(0, 500);
}
