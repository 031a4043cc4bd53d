import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { checkLayering, describeViolation } from "../scripts/layering.ts";

// A tree of a few files shaped like src/, so each rule is seen to fire on a planted import.
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "dispatch-layering-"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

test("an upward import from db/ into site/ is named by its rule", async () => {
  const root = tree({
    "src/site/page.ts": "export const page = 1;\n",
    "src/db/repository.ts": 'import { page } from "../site/page.ts";\nexport const n = page;\n',
  });
  try {
    const violations = await checkLayering(root);
    assert.deepEqual(
      violations.map((v) => [v.rule, v.from, v.to]),
      [["db-never-imports-web", "src/db/repository.ts", "src/site/page.ts"]],
    );
    const [first] = violations;
    assert.ok(first);
    assert.match(describeViolation(first), /db-never-imports-web.*storage/s);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a cycle, a domain import, a pipeline import of db and an import of server are each caught", async () => {
  const root = tree({
    "src/site/a.ts": 'import { b } from "./b.ts";\nexport const a = () => b;\n',
    "src/site/b.ts": 'import { a } from "./a.ts";\nexport const b = () => a;\n',
    "src/db/store.ts": "export const store = 1;\n",
    "src/domain/rule.ts": 'import { store } from "../db/store.ts";\nexport const r = store;\n',
    "src/ingest/stage.ts":
      'import type { store } from "../db/store.ts";\nexport type S = typeof store;\n',
    "src/server/root.ts": "export const root = 1;\n",
    "src/api/route.ts": 'import { root } from "../server/root.ts";\nexport const x = root;\n',
  });
  try {
    const rules = new Set((await checkLayering(root)).map((v) => v.rule));
    for (const rule of [
      "no-cycles",
      "domain-imports-nothing-of-ours",
      "pipeline-never-imports-storage-or-web",
      "nothing-imports-server",
    ]) {
      assert.ok(rules.has(rule), `${rule} should fire`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
