import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { SEED_NINJS, SEED_TEXT } from "./support/server.ts";

// The seed files are byte-identical copies of /work/shared/fixtures/seed/.
const BIN = new URL("../bin/dispatch.js", import.meta.url).pathname;
const CLEAN = new URL("./fixtures/lint/clean-article.md", import.meta.url).pathname;
const HTML = new URL("./fixtures/extract/article.html", import.meta.url).pathname;
const IMAGE = new URL("./fixtures/import/image.png", import.meta.url).pathname;
const BROKEN = new URL("./fixtures/import/broken.json", import.meta.url).pathname;

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function dispatch(args: string[]) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(PORT|HOST|DATA_DIR|DATABASE_URL|SITE_.*|LOG_LEVEL|DISPATCH_CONFIG)$/.test(k),
    ),
  );
  const r = spawnSync(process.execPath, [BIN, ...args], { env: clean, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface FindingJson {
  rule: string;
  severity: string;
  start: number;
  end: number;
  text: string;
  message: string;
  fix: string | null;
}
interface Result {
  language: string;
  findings: FindingJson[];
}

const KEYS = ["rule", "severity", "start", "end", "text", "message", "fix"];

for (const [format, file] of [
  ["plain text", SEED_TEXT],
  ["ninjs", SEED_NINJS],
] as const) {
  test(`lint --json finds every defect planted in the seed (${format})`, () => {
    const r = dispatch(["lint", file, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
    const result = JSON.parse(r.stdout) as Result;
    assert.deepEqual(Object.keys(result), ["language", "findings"]);
    assert.equal(result.language, "en");
    for (const f of result.findings) assert.deepEqual(Object.keys(f), KEYS);
    const find = (rule: string, pattern: RegExp) =>
      result.findings.filter((f) => f.rule === rule && pattern.test(f.text));

    const [spanish, ...moreSpanish] = find("foreign-fragment", /^responsables de alrededor/);
    assert.equal(moreSpanish.length, 0);
    assert.match(spanish?.text ?? "", /según datos del Banco Mundial$/);
    assert.match(spanish?.message ?? "", /lang="es"/);

    assert.equal(find("repeated-passage", /^Russia is Belarus’s main creditor/).length, 1);
    assert.equal(find("repeated-passage", /^And even more so when citizen discontent/).length, 1);

    assert.deepEqual(
      find("sentence-break", /./).map((f) => [f.text, f.fix]),
      [
        ["relationship. between", "relationship between"],
        ["Vileika. and", "Vileika and"],
      ],
    );

    // The closing mark with no opening one, and the two spaced on the wrong side.
    const quotes = find("quote-balance", /”/);
    assert.deepEqual(
      quotes.map((f) => [f.text, f.fix]),
      [
        ["”", null],
        [" ”", "” "],
        [" ”", "”"],
      ],
    );

    assert.equal(result.findings.length, 8);
    const starts = result.findings.map((f) => f.start);
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
    );
  });
}

test("clean copy in Markdown and HTML has no findings", () => {
  for (const file of [CLEAN, HTML]) {
    const r = dispatch(["lint", file, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { language: "en", findings: [] }, file);
  }
});

test("spans are offsets into the body's plain text", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "dispatch-lint-"));
  dirs.push(dir);
  const file = path.join(dir, "story.txt");
  const body =
    "The council approved the plan on Tuesday after a long debate. Officials said the new bike lanes would open in the spring. between the two bridges.";
  writeFileSync(file, `Council approves bike lanes\n\n${body}\n`);
  const r = dispatch(["lint", file, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const [f] = (JSON.parse(r.stdout) as Result).findings;
  assert.equal(f?.rule, "sentence-break");
  assert.equal(f?.text, "spring. between");
});

test("without --json the findings are printed for a person to read", () => {
  const r = dispatch(["lint", SEED_NINJS]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^language: en\nfindings \(8\):\n/);
  assert.match(
    r.stdout,
    /warning sentence-break: Full stop in mid-sentence: "relationship\. between"/,
  );
  assert.match(r.stdout, /\n {4}fix: "relationship between"\n/);
});

test("one bad file: exit 2 and one error line with its code", () => {
  const missing = dispatch(["lint", "/no/such/file.json", "--json"]);
  assert.equal(missing.code, 2);
  assert.equal(missing.stdout, "");
  assert.equal(missing.stderr, "error: file_not_found: no such file: /no/such/file.json\n");

  const image = dispatch(["lint", IMAGE]);
  assert.equal(image.code, 2);
  assert.match(image.stderr, /^error: unsupported_format: [^\n]+\n$/);

  const broken = dispatch(["lint", BROKEN, "--json"]);
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /^error: invalid_json: [^\n]+\n$/);

  const usage = dispatch(["lint"]);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /^usage: dispatch lint/);

  const flag = dispatch(["lint", "--bogus", CLEAN]);
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /^error: .*\nusage: dispatch lint/);
});

test("several files: one JSON line each, in order, carrying on past bad ones", () => {
  const r = dispatch(["lint", SEED_TEXT, "/no/such/file.txt", CLEAN]);
  assert.equal(r.code, 1);
  const lines = r.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  assert.deepEqual(
    lines.map((l) => l.file),
    [SEED_TEXT, "/no/such/file.txt", CLEAN],
  );
  assert.equal(lines[0].result.findings.length, 8);
  assert.equal(lines[1].error.code, "file_not_found");
  assert.deepEqual(lines[2].result, { language: "en", findings: [] });
});
