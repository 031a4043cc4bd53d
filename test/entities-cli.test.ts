import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { SEED_NINJS, SEED_TEXT } from "./support/server.ts";

const BIN = new URL("../bin/dispatch.js", import.meta.url).pathname;
const HTML = new URL("./fixtures/extract/article.html", import.meta.url).pathname;
const IMAGE = new URL("./fixtures/import/image.png", import.meta.url).pathname;
const BROKEN = new URL("./fixtures/import/broken.json", import.meta.url).pathname;

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "dispatch-entities-"));
  dirs.push(d);
  return d;
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

interface EntityJson {
  name: string;
  slug: string;
  aliases: string[];
  mentions: number;
}
type Result = Record<"people" | "places" | "organisations", EntityJson[]>;

const names = (list: EntityJson[]) => list.map((e) => e.name);

for (const [format, file] of [
  ["plain text", SEED_TEXT],
  ["ninjs", SEED_NINJS],
] as const) {
  test(`entities --json reads the seed as ${format}`, () => {
    const r = dispatch(["entities", file, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
    const result = JSON.parse(r.stdout) as Result;
    assert.deepEqual(Object.keys(result), ["people", "places", "organisations"]);
    for (const name of [
      "Alexander Lukashenko",
      "Vladimir Putin",
      "Mikhail Mishustin",
      "Alexei Navalny",
      "Sergei Skripal",
      "Ales Lagvinets",
      "Petr Piatrouski",
      "Tatiana Stanovaya",
    ]) {
      assert.ok(names(result.people).includes(name), name);
    }
    for (const name of [
      "Belarus",
      "Russia",
      "Minsk",
      "Moscow",
      "Lithuania",
      "Poland",
      "Warsaw",
      "Berlin",
      "Siberia",
      "Vileika",
      "Baranovichi",
    ]) {
      assert.ok(names(result.places).includes(name), name);
    }
    for (const name of [
      "NATO",
      "Kremlin",
      "World Bank",
      "Belarusian National Academy of Sciences",
    ]) {
      assert.ok(names(result.organisations).includes(name), name);
    }
    const lukashenko = result.people[0] as EntityJson;
    assert.deepEqual(Object.keys(lukashenko), ["name", "slug", "aliases", "mentions"]);
    assert.equal(lukashenko.name, "Alexander Lukashenko");
    assert.equal(lukashenko.slug, "alexander-lukashenko");
    assert.equal(lukashenko.mentions, 14);
    assert.ok(lukashenko.aliases.includes("Lukashenko"));
  });
}

test("entities reads Markdown with front matter and HTML pages", () => {
  const dir = tempDir();
  const md = path.join(dir, "story.md");
  writeFileSync(
    md,
    "---\ntitle: Ferry talks resume in Lisbon\ndate: 2024-03-05T08:30:00Z\n---\n\nUnion secretary Maria Lopes met Prime Minister Luís Montenegro in Lisbon.\n",
  );
  const fromMarkdown = dispatch(["entities", md, "--json"]);
  assert.equal(fromMarkdown.code, 0, fromMarkdown.stderr);
  const result = JSON.parse(fromMarkdown.stdout) as Result;
  assert.deepEqual(names(result.people), ["Maria Lopes", "Luís Montenegro"]);
  assert.deepEqual(result.places, [{ name: "Lisbon", slug: "lisbon", aliases: [], mentions: 2 }]);

  const fromHtml = dispatch(["entities", HTML, "--json"]);
  assert.equal(fromHtml.code, 0, fromHtml.stderr);
  const page = JSON.parse(fromHtml.stdout) as Result;
  assert.deepEqual(names(page.people), ["Maria Lopes", "Dev Sharma"]);
  assert.deepEqual(names(page.organisations), ["Harbour Commuters' Association"]);
});

test("without --json the lists are printed for a person to read", () => {
  const r = dispatch(["entities", SEED_NINJS]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^people \(8\):\n {2}Alexander Lukashenko ×14 \(also /);
  assert.match(r.stdout, /\norganisations \(6\):\n {2}Kremlin ×6\n/);
});

test("one bad file: exit 2 and one error line with its code", () => {
  const missing = dispatch(["entities", "/no/such/file.json"]);
  assert.equal(missing.code, 2);
  assert.equal(missing.stdout, "");
  assert.equal(missing.stderr, "error: file_not_found: no such file: /no/such/file.json\n");

  const image = dispatch(["entities", IMAGE, "--json"]);
  assert.equal(image.code, 2);
  assert.match(image.stderr, /^error: unsupported_format: [^\n]+\n$/);

  const usage = dispatch(["entities"]);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /^usage: dispatch entities/);
});

test("several files: one JSON line each, in order, carrying on past bad ones", () => {
  const r = dispatch(["entities", SEED_TEXT, BROKEN, "/no/such/file.txt", HTML]);
  assert.equal(r.code, 1);
  const lines = r.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  assert.equal(lines.length, 4);
  assert.deepEqual(
    lines.map((l) => l.file),
    [SEED_TEXT, BROKEN, "/no/such/file.txt", HTML],
  );
  assert.equal(lines[0].result.people[0].name, "Alexander Lukashenko");
  assert.equal(lines[1].error.code, "invalid_json");
  assert.equal(lines[2].error.code, "file_not_found");
  assert.ok(typeof lines[2].error.message === "string");
  assert.equal(lines[3].result.people[0].name, "Maria Lopes");
});
