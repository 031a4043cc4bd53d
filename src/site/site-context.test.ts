import assert from "node:assert/strict";
import { test } from "node:test";
import { relativeTimeTemplates } from "./site-context.ts";

test("relative-time phrases in the site locale, with {n} where the number goes", () => {
  const en = JSON.parse(relativeTimeTemplates("en-GB")) as Record<string, string>;
  assert.equal(en.now, "now");
  assert.equal(en.minute1, "1 min ago");
  assert.equal(en.minute, "{n} min ago");
  assert.equal(en.day1, "yesterday");
  const de = JSON.parse(relativeTimeTemplates("de-DE")) as Record<string, string>;
  assert.match(de.hour ?? "", /\{n\}/);
  // Russian has more plural forms than one template each can say: the browser asks Intl.
  assert.deepEqual(JSON.parse(relativeTimeTemplates("ru-RU")), {});
});
