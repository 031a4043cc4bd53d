import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { jsonErrorOffset } from "./json-syntax.ts";

describe("jsonErrorOffset", () => {
  it("is null for valid JSON of every kind", () => {
    for (const text of [
      '{"a": "b"}',
      '  [1e5, -0.5, 0, "\\u00e9\\n\\"", true, false, null, {}, []]  ',
      '"just a string"',
      "42",
      JSON.stringify({ deep: Array.from({ length: 50 }, (_, i) => ({ i, s: "x\ty" })) }),
    ]) {
      assert.equal(jsonErrorOffset(text), null, text);
      JSON.parse(text);
    }
  });

  it("points where V8 points, where V8 says", () => {
    const cases: [string, number][] = [
      ['{"version": "https://jsonfeed.org/version/1.1",\n "title": "x",}', 62],
      ['"abc', 4],
      ['{"a":1} x', 8],
      ['{"a":01}', 6],
      ['{"a" 1}', 5],
    ];
    for (const [text, offset] of cases) {
      assert.equal(jsonErrorOffset(text), offset, text);
      assert.throws(() => JSON.parse(text), SyntaxError);
    }
  });

  it("points at the first wrong character where V8 names no place", () => {
    assert.equal(jsonErrorOffset('{"version": tru}'), 15);
    assert.equal(jsonErrorOffset("[1, 2,]"), 6);
    assert.equal(jsonErrorOffset('{"a": "\\x"}'), 8, "an unknown escape");
    assert.equal(jsonErrorOffset('{"a": "\\u12g4"}'), 8, "a short \\u escape");
    assert.equal(jsonErrorOffset('["tab\there"]'), 5, "a raw control character");
    assert.equal(jsonErrorOffset(""), 0);
    assert.equal(jsonErrorOffset('{"a": [1, 2'), 11, "the end, when the text stops early");
  });

  it("has no depth limit to overflow", () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(99_999)}`;
    assert.equal(jsonErrorOffset(deep), deep.length);
  });
});
