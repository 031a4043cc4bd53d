import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { windows1252Controls } from "./c1-controls.ts";
import {
  language,
  names,
  personName,
  plainText,
  summaryText,
  textOnly,
  ttlMinutes,
  uniqueTexts,
} from "./fields.ts";

describe("text fields", () => {
  it("reads titles as text: tags gone, entities decoded once (escaped HTML stays text)", () => {
    assert.equal(plainText("<b>Floods</b> &amp; storms"), "Floods & storms");
    // Until issue 15 this was decoded twice, to "Markets rally": the brackets are text.
    assert.equal(plainText("&lt;em&gt;Markets&lt;/em&gt; rally"), "<em>Markets</em> rally");
    assert.equal(plainText("  a \n\t b  "), "a b");
    assert.equal(plainText("<br>"), null);
    assert.equal(plainText(undefined), null);
  });

  it("keeps text-typed values as they are: brackets are text", () => {
    assert.equal(textOnly("History of the <blink>  tag"), "History of the <blink> tag");
    assert.equal(textOnly("Tom &amp; Jerry"), "Tom &amp; Jerry");
    assert.equal(textOnly("  "), null);
  });

  it("takes the email off a person, either way round", () => {
    assert.equal(personName("Jane Doe (jane@x.example)"), "Jane Doe");
    assert.equal(personName("jane@x.example (Jane Doe)"), "Jane Doe");
    assert.equal(personName("Jane Doe (Reuters)"), "Jane Doe (Reuters)");
    assert.equal(personName("jane@x.example"), "jane@x.example");
    assert.equal(names(["A (a@x.example)", "b@x.example (B)"]), "A, B");
  });

  it("maps C1 controls to windows-1252 and drops the five it leaves undefined", () => {
    assert.equal(
      windows1252Controls("don\u0092t \u0093q\u0094 \u0080 \u0081\u009d"),
      "don’t “q” € ",
    );
    assert.equal(windows1252Controls("plain"), "plain");
    assert.equal(plainText("caf\u00e9 \u0096 bar"), "café – bar");
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
