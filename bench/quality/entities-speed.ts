import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bodyText } from "../../src/domain/body-text.ts";
import { extractEntities } from "../../src/enrich/entities/extract-entities.ts";
import type { EntitiesInput } from "../../src/enrich/entities/types.ts";
import { loadArticles } from "./entities-eval.ts";

/**
 * Time per article of the entities stage on 4–8 KB texts: the seed, and the labelled
 * articles joined in order until each text passes 4 KB. Prints the first call (which builds
 * the gazetteer and loads compromise's lexicon), then median and p99 over warm runs.
 *
 *   node --import tsx bench/quality/entities-speed.ts [rounds]
 */

const MIN_BYTES = 4 * 1024;
const MAX_BYTES = 8 * 1024;

export function speedInputs(): EntitiesInput[] {
  const seedFile = fileURLToPath(
    new URL("../../test/fixtures/seed/article.ninjs.json", import.meta.url),
  );
  const ninjs = JSON.parse(readFileSync(seedFile, "utf8")) as {
    headlines: { value: string }[];
    bodies: { value: string }[];
  };
  const inputs: EntitiesInput[] = [
    { headline: ninjs.headlines[0]?.value ?? "", text: bodyText(ninjs.bodies[0]?.value ?? "") },
  ];
  let headline = "";
  let parts: string[] = [];
  let size = 0;
  for (const article of loadArticles()) {
    if (size + article.text.length > MAX_BYTES && size >= MIN_BYTES) {
      inputs.push({ headline, text: parts.join("\n\n") });
      parts = [];
      size = 0;
    }
    if (parts.length === 0) headline = article.headline;
    parts.push(article.text);
    size += article.text.length + 2;
  }
  if (size >= MIN_BYTES) inputs.push({ headline, text: parts.join("\n\n") });
  return inputs;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

export function measure(rounds = 200): {
  texts: number;
  meanBytes: number;
  firstMs: number;
  medianMs: number;
  p99Ms: number;
} {
  const inputs = speedInputs();
  const first = performance.now();
  extractEntities(inputs[0] as EntitiesInput);
  const firstMs = performance.now() - first;
  for (let i = 0; i < 20; i++) for (const input of inputs) extractEntities(input);
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const input of inputs) {
      const start = performance.now();
      extractEntities(input);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  const bytes = inputs.reduce((sum, input) => sum + Buffer.byteLength(input.text), 0);
  return {
    texts: inputs.length,
    meanBytes: Math.round(bytes / inputs.length),
    firstMs,
    medianMs: percentile(times, 50),
    p99Ms: percentile(times, 99),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const rounds = Number(process.argv[2] ?? 200);
  const r = measure(Number.isInteger(rounds) && rounds > 0 ? rounds : 200);
  console.log(`${r.texts} texts of ${r.meanBytes} bytes on average`);
  console.log(`first call ${r.firstMs.toFixed(1)} ms (gazetteer and lexicon built)`);
  console.log(`median ${r.medianMs.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms per article`);
}
