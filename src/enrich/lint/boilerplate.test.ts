import assert from "node:assert/strict";
import { test } from "node:test";
import { boilerplate, boilerplateMatch } from "./boilerplate.ts";
import { lintContext } from "./lint.ts";

test("share prompts, newsletter plugs, follows and furniture are whole-sentence boilerplate", () => {
  for (const line of [
    "Click here to subscribe to our newsletter and never miss a story.",
    "Sign up for our free morning newsletter to get the day's top stories in your inbox.",
    "Follow us on Twitter and Facebook for the latest updates.",
    "Follow Entertainment Weekly on Instagram for more stories like this.",
    "Share this article",
    "Share on Facebook | Share on WhatsApp | Share via Email",
    "Read more: Mortgage rates fall below 6% for first time since June",
    "Related: HSBC to cut jobs in France",
    "Advertisement",
    "Story continues below advertisement",
    "Most read",
    "Listen to this article",
    "Already a subscriber? Log in to continue reading.",
    "Support independent journalism: become a member today.",
    "© 2024 Business Daily. All rights reserved.",
    "Download our app for live weather alerts in your area.",
    "This article was originally published on The Conversation.",
  ]) {
    assert.equal(boilerplateMatch(line), "whole", line);
  }
});

test("a prompt inside a sentence of prose is reported without a fix", () => {
  assert.equal(boilerplateMatch("To read the full report, click here."), "part");
  const text = "The report was published on Monday. To read it in full, click here.";
  const [f] = boilerplate(lintContext(text, "en"));
  assert.equal(f?.text, "To read it in full, click here.");
  assert.equal(f?.fix, null);
});

test("the same words in news prose are not boilerplate", () => {
  for (const line of [
    "Residents can find more details in the weekly newsletter delivered to every household.",
    "People share our stories on Facebook every day, the editor said.",
    "The paper's share of the local advertising market has fallen.",
    "Readers were invited to click through a century of front pages.",
    "One poster from 1914 urged men to sign up for the Northumberland Fusiliers.",
    "Tapping said the anniversary was a chance to follow up on old stories.",
    "Advertisement spending rose 4% last year, the group said.",
    "Most read books of the year were thrillers.",
    "Copyright lawyers said the ruling would be appealed.",
    "Subscribers to the service rose by a million.",
    "Watch the skies tonight: the meteor shower peaks after midnight.",
  ]) {
    assert.equal(boilerplateMatch(line), null, line);
  }
});

test("a closing Read more is left to the truncated rule", () => {
  const text = "The council met.\n\nRead more: Council budget explained\n\nRead more";
  const findings = boilerplate(lintContext(text, "en"));
  assert.deepEqual(
    findings.map((f) => [f.text, f.fix]),
    [["Read more: Council budget explained", ""]],
  );
});
