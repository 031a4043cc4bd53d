import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { language, names, plainText, summaryText, ttlMinutes, uniqueTexts } from "./fields.ts";

describe("text fields", () => {
  it("reads titles as text: tags gone, entities decoded, twice-escaped HTML too", () => {
    assert.equal(plainText("<b>Floods</b> &amp; storms"), "Floods & storms");
    assert.equal(plainText("&lt;em&gt;Markets&lt;/em&gt; rally"), "Markets rally");
    assert.equal(plainText("  a \n\t b  "), "a b");
    assert.equal(plainText("<br>"), null);
    assert.equal(plainText(undefined), null);
  });

  it("cuts a summary that is a whole article at a word, with an ellipsis", () => {
    const long = "word ".repeat(400);
    const summary = summaryText(long) ?? "";
    assert.ok(summary.length <= 1000);
    assert.match(summary, /word…$/);
    assert.equal(summaryText("Short."), "Short.");
  });

  it("dedupes texts case-insensitively, keeping the first spelling, at most 100 characters", () => {
    assert.deepEqual(uniqueTexts(["Local", "local", null, "", "<b>Weather</b>"]), [
      "Local",
      "Weather",
    ]);
    assert.equal(uniqueTexts(["x".repeat(300)])[0]?.length, 100);
    assert.equal(uniqueTexts(Array.from({ length: 80 }, (_, i) => `c${i}`)).length, 50);
  });

  it("joins author names, at most ten", () => {
    assert.equal(names(["Ana Souza", "Bruno Lima", "ana souza"]), "Ana Souza, Bruno Lima");
    assert.equal(names([]), null);
    assert.equal(names(undefined), null);
    assert.equal(names(Array.from({ length: 12 }, (_, i) => `N${i}`))?.split(", ").length, 10);
  });

  it("takes the first readable language tag, as its primary subtag", () => {
    assert.equal(language("en-GB"), "en");
    assert.equal(language("not a tag", "pt_BR"), "pt");
    assert.equal(language(undefined, ""), null);
  });

  it("reads a ttl only as a positive whole number of minutes", () => {
    assert.equal(ttlMinutes(15), 15);
    assert.equal(ttlMinutes(0), null);
    assert.equal(ttlMinutes(1.5), null);
    assert.equal(ttlMinutes(undefined), null);
  });
});
