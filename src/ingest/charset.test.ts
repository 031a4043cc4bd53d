import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeBody } from "./charset.ts";

// "Привет, мир" in windows-1251 and koi8-r, built byte by byte: Node only encodes UTF-8.
const PRIVET_1251 = [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x2c, 0x20, 0xec, 0xe8, 0xf0];
const PRIVET_KOI8 = [0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4, 0x2c, 0x20, 0xcd, 0xc9, 0xd2];
const PRIVET = "Привет, мир";

function bytes(...parts: (string | number[])[]): Uint8Array {
  return Buffer.concat(
    parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))),
  );
}

function utf16be(text: string): Buffer {
  return Buffer.from(text, "utf16le").swap16();
}

test("windows-1251 from the Content-Type header", () => {
  const result = decodeBody(bytes("<p>", PRIVET_1251, "</p>"), "text/html; charset=windows-1251");
  assert.deepEqual(result, { text: `<p>${PRIVET}</p>`, charset: "windows-1251" });
});

test("windows-1251 and koi8-r from the XML declaration, read as ASCII", () => {
  const xml = (encoding: string, body: number[]) =>
    bytes(`<?xml version="1.0" encoding="${encoding}"?>\n<title>`, body, "</title>");
  const cp1251 = decodeBody(xml("windows-1251", PRIVET_1251), "application/rss+xml");
  assert.equal(cp1251.charset, "windows-1251");
  assert.ok(cp1251.text.endsWith(`<title>${PRIVET}</title>`));
  const koi = decodeBody(xml("KOI8-R", PRIVET_KOI8), null);
  assert.equal(koi.charset, "koi8-r");
  assert.ok(koi.text.includes(PRIVET));
  const single = decodeBody(
    bytes("<?xml version='1.0' encoding='cp1251'?><a>", PRIVET_1251, "</a>"),
    null,
  );
  assert.equal(single.charset, "windows-1251");
});

test("iso-8859-1 is decoded as its WHATWG superset windows-1252", () => {
  const result = decodeBody(
    bytes("caf", [0xe9], " ", [0x93], "quoted", [0x94], " ", [0x80]),
    "text/plain; charset=ISO-8859-1",
  );
  assert.equal(result.charset, "windows-1252");
  assert.equal(result.text, "café “quoted” €");
  assert.equal(decodeBody(bytes("caf", [0xe9]), 'text/plain; charset="latin1"').text, "café");
});

test("UTF-16LE with a byte-order mark; the mark is not part of the text", () => {
  const body = Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from(`<rss>${PRIVET}</rss>`, "utf16le"),
  ]);
  assert.deepEqual(decodeBody(body, "application/xml; charset=iso-8859-1"), {
    text: `<rss>${PRIVET}</rss>`,
    charset: "utf-16le",
  });
});

test("UTF-16BE and UTF-8 byte-order marks", () => {
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be("日本語")]);
  assert.deepEqual(decodeBody(be, null), { text: "日本語", charset: "utf-16be" });
  const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PRIVET)]);
  assert.deepEqual(decodeBody(utf8, "text/xml; charset=windows-1251"), {
    text: PRIVET,
    charset: "utf-8",
  });
});

test("UTF-16 XML without a byte-order mark is recognised from the <?x pattern", () => {
  const doc = `<?xml version="1.0" encoding="UTF-16"?><title>${PRIVET}</title>`;
  assert.deepEqual(decodeBody(Buffer.from(doc, "utf16le"), "application/xml"), {
    text: doc,
    charset: "utf-16le",
  });
  assert.deepEqual(decodeBody(utf16be(doc), null), { text: doc, charset: "utf-16be" });
});

test("the header's charset wins over the XML declaration", () => {
  const body = bytes('<?xml version="1.0" encoding="utf-8"?><t>', PRIVET_1251, "</t>");
  const result = decodeBody(body, "application/xml; charset=windows-1251");
  assert.equal(result.charset, "windows-1251");
  assert.ok(result.text.includes(PRIVET));
  // Without a charset parameter the header says nothing, and the declaration decides.
  assert.equal(decodeBody(body, "application/xml").charset, "utf-8");
});

test("an XML declaration read as ASCII that claims UTF-16 is UTF-8", () => {
  const result = decodeBody(
    Buffer.from(`<?xml version="1.0" encoding="utf-16"?><t>${PRIVET}</t>`),
    null,
  );
  assert.equal(result.charset, "utf-8");
  assert.ok(result.text.includes(PRIVET));
});

test("HTML <meta charset> and the http-equiv form", () => {
  const meta = bytes(
    '<!doctype html><html><head><meta charset="windows-1251"><title>',
    PRIVET_1251,
    "</title>",
  );
  assert.equal(decodeBody(meta, "text/html").charset, "windows-1251");
  assert.ok(decodeBody(meta, "text/html").text.includes(PRIVET));
  const equiv = bytes(
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=shift_jis">',
    [0x93, 0xfa, 0x96, 0x7b],
  );
  const sjis = decodeBody(equiv, null);
  assert.equal(sjis.charset, "shift_jis");
  assert.ok(sjis.text.endsWith("日本"));
});

test("UTF-8 by default; unknown labels fall back with a warning", () => {
  assert.deepEqual(decodeBody(Buffer.from(PRIVET), null), { text: PRIVET, charset: "utf-8" });
  assert.deepEqual(decodeBody(new Uint8Array(), null), { text: "", charset: "utf-8" });
  const unknown = decodeBody(Buffer.from(PRIVET), "text/xml; charset=x-klingon");
  assert.equal(unknown.charset, "utf-8");
  assert.equal(unknown.text, PRIVET);
  assert.match(unknown.warning ?? "", /unknown charset "x-klingon" in the Content-Type/);
  // An unknown header label does not hide a usable declaration.
  const declared = decodeBody(
    bytes('<?xml version="1.0" encoding="windows-1251"?>', PRIVET_1251),
    "text/xml; charset=bogus",
  );
  assert.equal(declared.charset, "windows-1251");
  assert.match(declared.warning ?? "", /bogus/);
});

test("bytes that are invalid in the chosen charset are replaced, and said so", () => {
  const result = decodeBody(bytes("caf", [0xe9]), null);
  assert.equal(result.text, "caf\uFFFD");
  assert.equal(result.charset, "utf-8");
  assert.match(result.warning ?? "", /replaced/);
});
