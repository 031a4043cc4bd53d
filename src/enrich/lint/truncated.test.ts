import assert from "node:assert/strict";
import { test } from "node:test";
import { lintContext } from "./lint.ts";
import { truncated } from "./truncated.ts";

const BODY = "The council approved the plan on Tuesday after a long debate.\n\n";
const check = (ending: string) => truncated(lintContext(`${BODY}${ending}`, "en"));

test("a body that stops mid-sentence is reported on its last sentence", () => {
  for (const ending of [
    "Prime Minister Kyriakos Mitsotakis said the government would provide support to those whose homes had been",
    "The previous strike, in February, led to the rescheduling of",
    "Estate agents said they expected more buyers in the new year,",
    "The final vote is expected in",
  ]) {
    const [f, ...rest] = check(ending);
    assert.equal(rest.length, 0, ending);
    assert.equal(f?.text, ending);
    assert.equal(f?.severity, "error");
    assert.equal(f?.fix, null);
  }
});

test("an ellipsis, […] or a read-on link at the end is reported", () => {
  assert.equal(check("The story continues…")[0]?.text, "The story continues…");
  assert.equal(check("Officials said more was to come […]")[0]?.text, "[…]");
  const [readMore] = check("Read more");
  assert.equal(readMore?.text, "Read more");
  assert.equal(readMore?.fix, "");
  assert.equal(
    check("Continue reading the main story")[0]?.text,
    "Continue reading the main story",
  );
});

test("share prompts after the end are skipped before looking", () => {
  assert.equal(check("Shares rose 3% in Dublin, where the\n\nShare this article").length, 1);
  assert.equal(check("Shares rose 3% in Dublin.\n\nShare this article").length, 0);
});

test("finished copy, credits, sign-offs, quotes and lists are not truncated", () => {
  for (const ending of [
    "Mayor Tishaura Jones is expected to sign the bill next week.",
    "Are you optimistic? I am stubborn, which is more useful.",
    "“We will not back down,” she said.",
    "“We’ll see…”",
    "(Reporting by Marcela Ayres; Editing by Andrea Ricci)",
    "Additional reporting by Jane Doe in Brussels",
    "Photograph: Reuters",
    "Four stars",
    "Contact the author at jane.doe@example.com",
    "Among the biggest:\n\nBT: up £3 a month\n\nVirgin Media: up an average of 8.8% for most of its customers",
  ]) {
    assert.deepEqual(check(ending), [], ending);
  }
});
