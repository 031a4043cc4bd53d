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

test("a date or time stamp, a stop after an ellipsis and an aside in ellipses end copy", () => {
  for (const ending of [
    "Dec. 18 - 11:14 pm et",
    "April 24, 2013 - 4:45pm",
    "Updated: Apr 02, 2009 11:06 PM CEST",
    "Hope springs eternal....",
    "… in case you’re wondering, the Mets are not mentioned once …",
  ]) {
    assert.deepEqual(check(ending), [], ending);
  }
  // A stamp is only figures and calendar words; a sentence with a date in it is not one.
  assert.equal(check("The hearing was adjourned until April 24, when the").length, 1);
  assert.equal(check("Money market funds 4.5 - 5").length, 1);
  assert.equal(check("The hearing was adjourned…")[0]?.text, "The hearing was adjourned…");
  assert.equal(check("…")[0]?.text, "…");
});
