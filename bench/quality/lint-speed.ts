import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bodyText } from "../../src/domain/body-text.ts";
import { detectLanguage } from "../../src/enrich/language.ts";
import { type LintInput, lintArticle } from "../../src/enrich/lint/lint.ts";
import { LINT_DIR, loadCopies } from "./lint-eval.ts";

/**
 * Time per article of the copy-quality stage (language, fragments, every rule) on 4–8 KB
 * texts: the seed, and the English labelled lint copies (clean and with defects, so the slow
 * paths run too) joined in order until each text passes 4 KB. Prints the first call, then median
 * and p99 over warm runs.
 *
 *   node --import tsx bench/quality/lint-speed.ts [rounds]
 */

const MIN_BYTES = 4 * 1024;
const MAX_BYTES = 8 * 1024;

export function speedInputs(): LintInput[] {
  const seedFile = fileURLToPath(
    new URL("../../test/fixtures/seed/article.ninjs.json", import.meta.url),
  );
  const ninjs = JSON.parse(readFileSync(seedFile, "utf8")) as {
    headlines: { value: string }[];
    bodies: { value: string }[];
  };
  const inputs: LintInput[] = [
    {
      headline: ninjs.headlines[0]?.value ?? "",
      standfirst: null,
      text: bodyText(ninjs.bodies[0]?.value ?? ""),
    },
  ];
  let headline = "";
  let parts: string[] = [];
  let size = 0;
  // An article is in one language: the Spanish, French… copies are not joined to English ones.
  for (const copy of loadCopies(LINT_DIR).filter((c) => detectLanguage(c) === "en")) {
    if (size + copy.text.length > MAX_BYTES && size >= MIN_BYTES) {
      inputs.push({ headline, standfirst: null, text: parts.join("\n\n") });
      parts = [];
      size = 0;
    }
    if (parts.length === 0) headline = copy.headline;
    parts.push(copy.text);
    size += copy.text.length + 2;
  }
  if (size >= MIN_BYTES) inputs.push({ headline, standfirst: null, text: parts.join("\n\n") });
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
  lintArticle(inputs[0] as LintInput);
  const firstMs = performance.now() - first;
  for (let i = 0; i < 20; i++) for (const input of inputs) lintArticle(input);
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const input of inputs) {
      const start = performance.now();
      lintArticle(input);
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
  console.log(`first call ${r.firstMs.toFixed(1)} ms`);
  console.log(`median ${r.medianMs.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms per article`);
}
