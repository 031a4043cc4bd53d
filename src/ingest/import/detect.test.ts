import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { isAppError } from "../../domain/errors.ts";
import { htmlToText } from "../sanitize.ts";
import { MAX_IMPORT_BYTES, parseImportFile } from "./detect.ts";
import type { ImportOptions } from "./options.ts";

const options: ImportOptions = {
  siteName: "24/7 Live News Portal",
  defaultLanguage: "en",
  now: new Date("2024-03-05T12:00:00Z"),
};
const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/import/${name}`, import.meta.url));
const seedDir = new URL("../../../test/fixtures/seed/", import.meta.url);
const utf8 = (text: string) => new TextEncoder().encode(text);

function code(expected: string, status = 400) {
  return (error: unknown) =>
    isAppError(error) && error.code === expected && error.status === status;
}

describe("parseImportFile", () => {
  it("reads the seed story the same from ninjs and from text", () => {
    const fromNinjs = parseImportFile(
      "article.ninjs.json",
      readFileSync(new URL("article.ninjs.json", seedDir)),
      options,
    );
    const fromText = parseImportFile(
      "article.txt",
      readFileSync(new URL("article.txt", seedDir)),
      options,
    );
    assert.equal(fromNinjs.headline, fromText.headline);
    const blocks = (html: string) => html.match(/<(p|h2)>/g) ?? [];
    assert.equal(blocks(fromNinjs.body).length, blocks(fromText.body).length);
    assert.deepEqual(blocks(fromNinjs.body), blocks(fromText.body));
    assert.ok(fromText.body.includes("<h2>Navalni poisoning</h2>"));
    assert.ok(fromNinjs.body.includes("<h2>Navalni poisoning</h2>"));
    assert.equal(htmlToText(fromNinjs.body), htmlToText(fromText.body));
  });

  it("chooses the parser by extension", () => {
    assert.equal(
      parseImportFile("wire/NINJS-1X.JSON", fixture("ninjs-1x.json"), options).headline,
      "Rail strike ends after three weeks",
    );
    assert.equal(
      parseImportFile("story.md", fixture("story.md"), options).guid,
      "urn:dispatch:test:rail-strike",
    );
    assert.equal(parseImportFile("story.markdown", utf8("# H\n\nBody."), options).headline, "H");
    assert.equal(parseImportFile("a.text", utf8("H\n\nBody."), options).guid?.slice(0, 5), "text:");
  });

  it("sniffs ninjs in a file without a known extension", () => {
    const article = parseImportFile("item.wire", fixture("ninjs-1x.json"), options);
    assert.equal(article.headline, "Rail strike ends after three weeks");
    assert.equal(
      parseImportFile(
        "no-extension",
        utf8('\uFEFF  {"uri":"u","headline":"H","body_text":"b"}'),
        options,
      ).headline,
      "H",
    );
  });

  it("invalid_json, with the parser's message, the file in its context", () => {
    assert.throws(
      () => parseImportFile("broken.json", fixture("broken.json"), options),
      (error: unknown) =>
        code("invalid_json")(error) &&
        isAppError(error) &&
        error.context.file === "broken.json" &&
        error.message.startsWith("ninjs: the file is not valid JSON") &&
        error.context.file === "broken.json" &&
        typeof error.context.detail === "string",
    );
    assert.throws(
      () => parseImportFile("x.json", utf8('{"a": 1,\n "b": }'), options),
      code("invalid_json"),
    );
  });

  it("not_ninjs for other JSON documents", () => {
    assert.throws(
      () => parseImportFile("not-ninjs.json", fixture("not-ninjs.json"), options),
      code("not_ninjs"),
    );
    assert.throws(() => parseImportFile("list.json", utf8("[1, 2]"), options), code("not_ninjs"));
    assert.equal(({} as Record<string, unknown>).headline, undefined);
  });

  it("unsupported_format for binaries and unknown text, naming the allowed kinds", () => {
    assert.throws(
      () => parseImportFile("image.png", fixture("image.png"), options),
      (error: unknown) =>
        code("unsupported_format")(error) &&
        isAppError(error) &&
        /ninjs JSON \(\.json\), Markdown \(\.md, \.markdown\) or plain text \(\.txt, \.text\)/.test(
          error.message,
        ),
    );
    assert.throws(
      () => parseImportFile("notes.rtf", utf8("{\\rtf1 hello}"), options),
      code("unsupported_format"),
    );
    assert.throws(
      () => parseImportFile("page.html", utf8("<html><body>x</body></html>"), options),
      code("unsupported_format"),
    );
  });

  it("not_text for binary content behind a text extension", () => {
    assert.throws(
      () => parseImportFile("image.txt", fixture("image.png"), options),
      code("not_text"),
    );
    assert.throws(
      () => parseImportFile("latin1.md", new Uint8Array([0x23, 0x20, 0x48, 0xe9, 0x0a]), options),
      code("not_text"),
    );
    assert.throws(() => parseImportFile("x.json", fixture("image.png"), options), code("not_text"));
  });

  it("empty_file and too_large", () => {
    assert.throws(
      () => parseImportFile("empty.txt", new Uint8Array(), options),
      code("empty_file"),
    );
    assert.throws(
      () => parseImportFile("huge.txt", new Uint8Array(MAX_IMPORT_BYTES + 1), options),
      code("too_large", 413),
    );
  });

  it("passes the importers' own errors through with the file in their context", () => {
    assert.throws(
      () =>
        parseImportFile(
          "photo.json",
          utf8(JSON.stringify({ uri: "u", type: "picture", headlines: [{ value: "P" }] })),
          options,
        ),
      (error: unknown) =>
        code("unsupported_type")(error) &&
        isAppError(error) &&
        error.context.file === "photo.json" &&
        error.message.startsWith("ninjs:") &&
        error.context.file === "photo.json",
    );
  });
});
