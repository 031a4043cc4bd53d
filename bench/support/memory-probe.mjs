// Preloaded into a server under test (`NODE_OPTIONS=--import=<this file>`, plain JS because
// `dispatch serve` runs without tsx): on SIGUSR2 it collects garbage and writes the heap
// figures to $BENCH_MEMORY_FILE, so bench/fanout.ts can read a server's heap from outside
// without any code in src/ for it. RSS is read by the benchmark from /proc/<pid>/status.
import { renameSync, writeFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

const file = process.env.BENCH_MEMORY_FILE;
if (file) {
  setFlagsFromString("--expose-gc");
  // A fresh context sees the gc function the flag has just exposed.
  const gc = runInNewContext("gc");
  let seq = 0;
  process.on("SIGUSR2", () => {
    gc();
    gc();
    const m = process.memoryUsage();
    seq += 1;
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(
      tmp,
      JSON.stringify({
        seq,
        rss: m.rss,
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
        external: m.external,
        arrayBuffers: m.arrayBuffers,
      }),
    );
    renameSync(tmp, file);
  });
}
