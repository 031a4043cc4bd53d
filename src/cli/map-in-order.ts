/**
 * Runs `work` over many items, at most `concurrency` at a time, and hands each result to
 * `emit` in item order. Results wait for slower items before them, but never more than
 * `window` at once: a corpus of thousands of files runs in bounded memory even when one
 * early fetch hangs until its timeout. `work` must not reject; turn failures into values.
 */
export async function mapInOrder<T, R>(
  items: readonly T[],
  options: { concurrency: number; window: number },
  work: (item: T, index: number) => Promise<R>,
  emit: (result: R, index: number) => void,
): Promise<void> {
  const limit = gate(Math.max(1, options.concurrency));
  const window = Math.max(1, options.window);
  const pending: Promise<R>[] = [];
  let emitted = 0;
  const emitOldest = async () => {
    const oldest = pending.shift();
    if (oldest !== undefined) emit(await oldest, emitted++);
  };
  for (const [index, item] of items.entries()) {
    if (pending.length >= window) await emitOldest();
    pending.push(limit(() => work(item, index)));
  }
  while (pending.length > 0) await emitOldest();
}

/** A counting semaphore around async functions. */
function gate(size: number): <R>(run: () => Promise<R>) => Promise<R> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (run) => {
    if (running < size) running++;
    // A finishing run hands its slot straight to the next in line, so none can jump the queue.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await run();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
