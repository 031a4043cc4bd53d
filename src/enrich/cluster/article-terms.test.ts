import assert from "node:assert/strict";
import { test } from "node:test";
import { articleTerms } from "./article-terms.ts";
import { Vocabulary } from "./vocabulary.ts";

function termsOf(vocabulary: Vocabulary, ids: Int32Array): string[] {
  const names = new Map<number, string>();
  for (const w of ["malatya", "turkey", "ankara", "yesilyurt", "reuters", "monday", "6.2", "3400"])
    names.set(vocabulary.word(w), w);
  // Acronyms and initials are terms as written, not stemmed words.
  for (const w of ["afad", "ecb"]) names.set(vocabulary.term(w), w);
  return [...ids].map((id) => names.get(id) ?? `#${id}`);
}

test("names are capitals mid-sentence, not at its start, not weekdays, not the outlet", () => {
  const v = new Vocabulary();
  const t = articleTerms(
    {
      title: "Magnitude 6.2 Earthquake Strikes Eastern Turkey",
      text: "ANKARA (Reuters) - A magnitude 6.2 earthquake struck Malatya province early on Monday, the agency AFAD said.\n\nMalatya was hit hard in 2023. Buildings collapsed in Yesilyurt.",
      source: "Reuters",
    },
    v,
  );
  const lead = termsOf(v, t.leadNames);
  assert.ok(
    lead.includes("malatya") && lead.includes("afad") && lead.includes("ankara"),
    lead.join(),
  );
  const all = termsOf(v, t.names);
  assert.ok(all.includes("yesilyurt"));
  assert.ok(!all.includes("monday"));
  assert.ok(!all.includes("reuters"), "the outlet's own name is dropped");
  assert.ok(!termsOf(v, t.vector.ids).includes("reuters"));
  assert.ok(termsOf(v, t.keys).includes("6.2"), "a lead figure is a key");
});

test("a name learned mid-sentence counts at the start of a later sentence", () => {
  const v = new Vocabulary();
  articleTerms(
    { title: "x", text: "A strong quake hit eastern Turkey on Monday.", source: "A" },
    v,
  );
  const later = articleTerms(
    {
      title: "Rates cut",
      text: "Turkey's central bank cut its main rate by 250 basis points.",
      source: "B",
    },
    v,
  );
  assert.ok(termsOf(v, later.leadNames).includes("turkey"));
});

test("spelled-out names meet their initials, and figures are normalized", () => {
  const v = new Vocabulary();
  const a = articleTerms(
    {
      title: "Policy",
      text: "Policymakers at the European Central Bank met as 3,400 dockers struck.",
      source: "A",
    },
    v,
  );
  const b = articleTerms(
    { title: "Announcement", text: "The ECB said 3400 jobs were at risk.", source: "B" },
    v,
  );
  const shared = [...a.vector.ids].filter((id) => b.vector.ids.includes(id));
  assert.deepEqual(termsOf(v, Int32Array.from(shared)).sort(), ["3400", "ecb"].sort());
});

test("vectors are sorted and bounded; the headline weighs more than the body", () => {
  const v = new Vocabulary();
  const body = Array.from({ length: 300 }, (_, i) => `word${i}`).join(" ");
  const t = articleTerms(
    { title: "Harbour strike", text: `A harbour strike began. ${body}`, source: "A" },
    v,
  );
  assert.ok(t.vector.ids.length <= 100);
  for (let i = 1; i < t.vector.ids.length; i++)
    assert.ok((t.vector.ids[i - 1] as number) < (t.vector.ids[i] as number));
  const weight = (w: string) => t.vector.weights[t.vector.ids.indexOf(v.word(w))] ?? 0;
  assert.ok(weight("strike") > weight("word200"));
});
