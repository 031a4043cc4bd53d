import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { scoreLabels } from "../bench/quality/cluster-eval.ts";
import {
  ALLSIDES_FILE,
  allsidesParts,
  ECBPLUS_FILE,
  ecbplusParts,
  ITN_FILE,
  itnParts,
} from "../bench/quality/real-sets.ts";
import { baselineClusters } from "../bench/quality/tfidf-baseline.ts";

const BIN = new URL("../bin/dispatch.js", import.meta.url).pathname;
const LABELED = new URL("../bench/quality/cluster/articles.jsonl", import.meta.url).pathname;
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempFile(name: string, content: string | Buffer): string {
  const d = mkdtempSync(path.join(tmpdir(), "dispatch-cluster-"));
  dirs.push(d);
  const file = path.join(d, name);
  writeFileSync(file, content);
  return file;
}

function dispatch(args: string[]) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(PORT|HOST|DATA_DIR|DATABASE_URL|SITE_.*|LOG_LEVEL|DISPATCH_CONFIG)$/.test(k),
    ),
  );
  const r = spawnSync(process.execPath, [BIN, ...args], { env: clean, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trim()
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const STRIKE_1 = {
  id: "rail-1",
  title: "German rail union EVG launches 48-hour strike over pay",
  text: "BERLIN (Reuters) - The EVG rail workers' union launched a 48-hour nationwide strike at Deutsche Bahn on Thursday, the longest walkout yet in a months-long dispute over pay, halting most of Germany's long-distance trains.\n\nDeutsche Bahn's personnel chief Martin Seiler called the strike \"completely excessive\" and said the company had offered a 5.5% raise over 27 months.",
  source: "Reuters",
  published: "2025-03-13T07:15:00Z",
};
const STRIKE_2 = {
  id: "rail-2",
  title: "Deutsche Bahn strike: Millions face travel chaos as EVG walks out",
  text: "Rail passengers across Germany faced massive disruption on Thursday as the EVG union began a 48-hour strike at Deutsche Bahn, bringing most long-distance and regional trains to a halt.\n\nDeutsche Bahn said around 80 percent of long-distance services would be cancelled. The union is demanding a 12 percent pay rise for its roughly 190,000 members.",
  source: "DW",
  published: "2025-03-13T08:30:00Z",
};
const OTHER = {
  id: "etna",
  title: "Mount Etna erupts, sending lava fountains into the night sky",
  text: "Mount Etna in Sicily has erupted again, sending fountains of lava hundreds of metres into the air and a plume of ash over the eastern side of the island. Catania airport remained open but authorities warned flights could be disrupted.",
  source: "Euronews",
  published: "2025-03-13T08:00:00Z",
};
const COPY = {
  ...STRIKE_1,
  id: "rail-copy",
  source: "Yahoo News",
  title: "Rail strike halts German trains",
};
const lines = (...records: object[]) => `${records.map((r) => JSON.stringify(r)).join("\n")}\n`;

test("one line per article: stories across outlets, copies pointed at the first", () => {
  const file = tempFile("in.jsonl", lines(STRIKE_1, OTHER, STRIKE_2, COPY));
  const r = dispatch(["cluster", file, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  assert.deepEqual(jsonLines(r.stdout), [
    { id: "rail-1", story: "rail-1", duplicateOf: null },
    { id: "etna", story: "etna", duplicateOf: null },
    { id: "rail-2", story: "rail-1", duplicateOf: null },
    { id: "rail-copy", story: "rail-1", duplicateOf: "rail-1" },
  ]);
});

test("a bad line gets an error line with its number and code; the others go on", () => {
  const file = tempFile(
    "mixed.jsonl",
    [
      JSON.stringify(STRIKE_1),
      "{not json",
      "",
      JSON.stringify({ ...STRIKE_2, published: "last Thursday" }),
      JSON.stringify({
        id: "no-source",
        title: "A title",
        text: "Some text",
        published: "2025-03-13T08:00:00Z",
      }),
      JSON.stringify(["an", "array"]),
      JSON.stringify({ ...OTHER, id: "rail-1" }),
      JSON.stringify(STRIKE_2),
    ].join("\n"),
  );
  const r = dispatch(["cluster", file, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const out = jsonLines(r.stdout);
  assert.equal(out.length, 7, "one line per non-blank input line");
  const errors = out.filter((o) => "error" in o) as {
    id?: string;
    line: number;
    error: { code: string; message: string };
  }[];
  assert.deepEqual(
    errors.map((e) => [e.line, e.id, e.error.code]),
    [
      [2, undefined, "invalid_json"],
      [4, "rail-2", "invalid_field"],
      [5, "no-source", "missing_field"],
      [6, undefined, "invalid_article"],
      [7, "rail-1", "duplicate_id"],
    ],
  );
  for (const e of errors) assert.ok(e.error.message.length > 0);
  assert.deepEqual(out.at(-1), { id: "rail-2", story: "rail-1", duplicateOf: null });
});

test("a file that cannot be read is one error line and exit 2", () => {
  const dir = path.dirname(tempFile("x.jsonl", ""));
  for (const [file, code] of [
    [path.join(dir, "missing.jsonl"), "not_found"],
    [dir, "is_directory"],
    [tempFile("binary.jsonl", Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28])), "invalid_encoding"],
  ] as const) {
    const r = dispatch(["cluster", file, "--json"]);
    assert.equal(r.code, 2, `${code}: ${r.stderr}`);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, new RegExp(`^error: ${code}: .+\\n$`));
  }
  const usage = dispatch(["cluster"]);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /usage: dispatch cluster/);
});

test("--threshold and --window-hours tune the grouping; bad values exit 2", () => {
  const file = tempFile("in.jsonl", lines(STRIKE_1, STRIKE_2));
  const strict = jsonLines(dispatch(["cluster", file, "--json", "--threshold", "0.9999"]).stdout);
  assert.deepEqual(
    strict.map((o) => o.story),
    ["rail-1", "rail-2"],
  );
  const narrow = jsonLines(dispatch(["cluster", file, "--json", "--window-hours", "1"]).stdout);
  assert.deepEqual(
    narrow.map((o) => o.story),
    ["rail-1", "rail-2"],
    "75 minutes apart",
  );
  const wide = jsonLines(dispatch(["cluster", file, "--json", "--window-hours", "2"]).stdout);
  assert.deepEqual(
    wide.map((o) => o.story),
    ["rail-1", "rail-1"],
  );
  for (const bad of [
    ["--threshold", "1.5"],
    ["--threshold", "abc"],
    ["--window-hours", "0"],
  ]) {
    const r = dispatch(["cluster", file, "--json", ...bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error: invalid_option: /);
  }
});

test("without --json, a line a person can read", () => {
  const file = tempFile("in.jsonl", lines(STRIKE_1, COPY));
  const r = dispatch(["cluster", file]);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, "rail-1  story rail-1\nrail-copy  story rail-1  copy of rail-1\n");
});

/** Pairwise precision, recall and F1 of `dispatch cluster --json` output, merges followed. */
function pairwise(gold: ReadonlyMap<string, string>, stdout: string) {
  const into = new Map<string, string>();
  const predicted = new Map<string, string>();
  for (const o of jsonLines(stdout)) {
    if (typeof o.merged === "string") into.set(o.merged, o.into as string);
    else predicted.set(o.id as string, o.story as string);
  }
  const survivor = (story: string): string => {
    let s = story;
    for (let next = into.get(s); next !== undefined; next = into.get(s)) s = next;
    return s;
  };
  const ids = [...gold.keys()];
  let both = 0;
  let samePredicted = 0;
  let sameGold = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = 0; j < i; j++) {
      const g = gold.get(ids[i] as string) === gold.get(ids[j] as string);
      const p =
        survivor(predicted.get(ids[i] as string) ?? `none:${i}`) ===
        survivor(predicted.get(ids[j] as string) ?? `none:${j}`);
      if (g) sameGold++;
      if (p) samePredicted++;
      if (g && p) both++;
    }
  }
  const precision = samePredicted === 0 ? 1 : both / samePredicted;
  const recall = both / sameGold;
  const f1 = (2 * precision * recall) / (precision + recall);
  return {
    precision,
    recall,
    f1,
    text: `pairwise P ${precision.toFixed(3)} R ${recall.toFixed(3)} F1 ${f1.toFixed(3)}`,
  };
}

// The hand-labeled set was what the settings were tuned on until issue 14; the weights are
// now fitted on real news (ECB+ topics 1–35), and this set is a regression floor only.
test("the hand-labeled set clusters with pairwise precision 1 and F1 of at least 0.8 through the CLI", () => {
  const gold = new Map(
    readFileSync(LABELED, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => {
        const a = JSON.parse(l) as { id: string; story: string };
        return [a.id, a.story] as const;
      }),
  );
  const r = dispatch(["cluster", LABELED, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const s = pairwise(gold, r.stdout);
  assert.ok(s.f1 >= 0.8 && s.precision >= 0.99, s.text);
});

test("on the held-out ECB+ topics (36–45) the CLI keeps precision ≥ 0.95 and beats the TF-IDF baseline by 0.10", (t) => {
  if (!existsSync(ECBPLUS_FILE)) {
    // The corpus is not in the repository (CC BY, held in the workplace's shared data).
    t.skip(`no ${ECBPLUS_FILE}: set DISPATCH_ECBPLUS to run it`);
    return;
  }
  const held = ecbplusParts().find((p) => p.role === "report");
  assert.ok(held);
  const file = tempFile(
    "ecbplus-report.jsonl",
    held.articles.map((a) => JSON.stringify(a)).join("\n"),
  );
  const r = dispatch(["cluster", file, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const gold = new Map(held.articles.map((a) => [a.id, a.story]));
  const ours = pairwise(gold, r.stdout);
  const baseline = scoreLabels(gold, baselineClusters(held.articles)).pairwise;
  assert.ok(ours.precision >= 0.95, ours.text);
  assert.ok(
    ours.f1 >= baseline.f1 + 0.1,
    `${ours.text} against the baseline's F1 ${baseline.f1.toFixed(3)}`,
  );
});

// The targets (F1 ≥ 0.90, P ≥ 0.95) are not met on AllSides yet (bench/quality/README.md
// has the figures and why); what is held here is the margin over the baseline, which ignores time.
test("on the held-out AllSides stories (posted from August 2021) the CLI beats the TF-IDF baseline by 0.10", (t) => {
  if (!existsSync(ALLSIDES_FILE)) {
    // Not in the repository: the texts are the outlets' (bench/quality/README.md says how to
    // make the file from the NeuS crawl with bench/quality/allsides-convert.ts).
    t.skip(`no ${ALLSIDES_FILE}: set DISPATCH_ALLSIDES to run it`);
    return;
  }
  const held = allsidesParts().find((p) => p.role === "report");
  assert.ok(held && held.articles.length > 0);
  const file = tempFile(
    "allsides-report.jsonl",
    held.articles.map((a) => JSON.stringify(a)).join("\n"),
  );
  const r = dispatch(["cluster", file, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const gold = new Map(held.articles.map((a) => [a.id, a.story]));
  const ours = pairwise(gold, r.stdout);
  const baseline = scoreLabels(gold, baselineClusters(held.articles)).pairwise;
  assert.ok(
    ours.f1 >= baseline.f1 + 0.1,
    `${ours.text} against the baseline's F1 ${baseline.f1.toFixed(3)}`,
  );
});

// Across languages (bench/quality/README.md, ITN): one blurb per Wikipedia edition and story,
// so every gold pair joins two languages. The F1 target is far off; what is held is precision
// on what it does join across languages, and the margin over the baseline.
test("on the held-out ITN stories (2023) the CLI joins across languages with precision ≥ 0.85 and beats the TF-IDF baseline by 0.10", (t) => {
  if (!existsSync(ITN_FILE)) {
    // Not in the repository: made from a fetched snapshot by bench/quality/itn-convert.ts.
    t.skip(`no ${ITN_FILE}: set DISPATCH_ITN to run it`);
    return;
  }
  const held = itnParts().find((p) => p.role === "report");
  assert.ok(held && held.articles.length > 0);
  const file = tempFile("itn-report.jsonl", held.articles.map((a) => JSON.stringify(a)).join("\n"));
  const r = dispatch(["cluster", file, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const gold = new Map(held.articles.map((a) => [a.id, a.story]));
  const ours = pairwise(gold, r.stdout);
  const baseline = scoreLabels(gold, baselineClusters(held.articles)).pairwise;
  assert.ok(ours.precision >= 0.85, ours.text);
  assert.ok(
    ours.f1 >= baseline.f1 + 0.1,
    `${ours.text} against the baseline's F1 ${baseline.f1.toFixed(3)}`,
  );
});
