/**
 * Runs `load` on the first call and hands every caller the same promise, so a heavy module
 * is imported once, when first needed. A failed load is forgotten and tried again.
 */
export function lazily<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}
