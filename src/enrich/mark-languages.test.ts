import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { bodyText } from "../domain/body-text.ts";
import type { ForeignFragment } from "../domain/enrichment.ts";
import { findForeignFragments } from "./language.ts";
import { markLanguages } from "./mark-languages.ts";

/** A fragment over the first occurrence of `passage` in the body's plain text. */
function fragment(html: string, passage: string, language = "es"): ForeignFragment {
  const start = bodyText(html).indexOf(passage);
  assert.ok(start >= 0, passage);
  return { start, end: start + passage.length, language, text: passage };
}

test("a fragment in plain text gets a span, and the text stays the same", () => {
  const html = "<p>He said hola amigos to everyone.</p>";
  const out = markLanguages(html, [fragment(html, "hola amigos")]);
  assert.equal(out, '<p>He said <span lang="es">hola amigos</span> to everyone.</p>');
  assert.equal(bodyText(out), bodyText(html));
});

test("entities stay whole and offsets count decoded characters", () => {
  const html = "<p>Tom &amp; Jerry said &lt;b&gt; “adiós &amp; gracias”.</p>";
  const out = markLanguages(html, [fragment(html, "adiós & gracias")]);
  assert.equal(
    out,
    '<p>Tom &amp; Jerry said &lt;b&gt; “<span lang="es">adiós &amp; gracias</span>”.</p>',
  );
});

test("a fragment spanning whole inline elements takes them in", () => {
  const html = "<p>He said <em>hola amigos</em> y <b>adiós</b> &amp; más.</p>";
  const out = markLanguages(html, [fragment(html, "hola amigos y adiós & más")]);
  assert.equal(
    out,
    '<p>He said <span lang="es"><em>hola amigos</em> y <b>adiós</b> &amp; más</span>.</p>',
  );
});

test("a fragment that cuts an element is wrapped run by run, never breaking tags", () => {
  const html = '<p>He said <a href="/x">hola amigos</a> y adiós.</p>';
  const out = markLanguages(html, [fragment(html, "amigos y adiós")]);
  assert.equal(
    out,
    '<p>He said <a href="/x">hola <span lang="es">amigos</span></a><span lang="es"> y adiós</span>.</p>',
  );
  assert.equal(bodyText(out), bodyText(html));
});

test("paragraphs, line breaks and collapsed white space map back to the source", () => {
  const html = "<h2>Title</h2>\n<p>First   line<br>merci   beaucoup mes amis</p>";
  assert.equal(bodyText(html), "Title\n\nFirst line\n\nmerci beaucoup mes amis");
  const out = markLanguages(html, [fragment(html, "merci beaucoup mes amis", "fr")]);
  assert.equal(
    out,
    '<h2>Title</h2>\n<p>First   line<br><span lang="fr">merci   beaucoup mes amis</span></p>',
  );
});

test("bad language tags, overlaps and out-of-range fragments are skipped", () => {
  const html = "<p>uno dos tres cuatro</p>";
  const out = markLanguages(html, [
    { start: 0, end: 3, language: 'es"><script>', text: "uno" },
    { start: 4, end: 12, language: "es", text: "dos tres" },
    { start: 8, end: 19, language: "es", text: "tres cuatro" },
    { start: 10, end: 500, language: "es", text: "" },
  ]);
  assert.equal(out, '<p>uno <span lang="es">dos tres</span> cuatro</p>');
});

test("no fragments, no change", () => {
  const html = "<p>Nothing foreign here.</p>";
  assert.equal(markLanguages(html, []), html);
});

test("the seed's Spanish passage is marked inside its brackets", () => {
  const url = new URL("../../test/fixtures/seed/article.ninjs.json", import.meta.url);
  const html =
    (JSON.parse(readFileSync(url, "utf8")) as { bodies: { value: string }[] }).bodies[0]?.value ??
    "";
  const out = markLanguages(html, findForeignFragments(bodyText(html), "en"));
  assert.match(
    out,
    /\[<span lang="es">responsables de alrededor del 50% .* del Banco Mundial<\/span>\]/,
  );
  assert.equal(bodyText(out), bodyText(html));
});

test("markup the walk cannot follow exactly is left unchanged", () => {
  const html = "<p>a < b <p> c > hola amigos</p>";
  assert.equal(markLanguages(html, [{ start: 0, end: 1, language: "es", text: "a" }]), html);
});
