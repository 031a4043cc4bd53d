import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { bodyText } from "../../domain/body-text.ts";
import { extractEntities } from "./extract-entities.ts";
import type { Entities, Entity } from "./types.ts";

const SEED = new URL("../../../test/fixtures/seed/article.ninjs.json", import.meta.url);

function seed(): { headline: string; text: string } {
  const ninjs = JSON.parse(readFileSync(SEED, "utf8")) as {
    headlines: { value: string }[];
    bodies: { value: string }[];
  };
  return {
    headline: ninjs.headlines[0]?.value ?? "",
    text: bodyText(ninjs.bodies[0]?.value ?? ""),
  };
}

const names = (list: Entity[]) => list.map((e) => e.name).sort();
const find = (list: Entity[], name: string) => {
  const entity = list.find((e) => e.name === name);
  assert.ok(entity, `${name} not in ${names(list).join(", ")}`);
  return entity;
};

test("the seed yields exactly its real people, places and organisations", () => {
  const result = extractEntities(seed());
  assert.deepEqual(names(result.people), [
    "Ales Lagvinets",
    "Alexander Lukashenko",
    "Alexei Navalny",
    "Mikhail Mishustin",
    "Petr Piatrouski",
    "Sergei Skripal",
    "Tatiana Stanovaya",
    "Vladimir Putin",
  ]);
  assert.deepEqual(names(result.places), [
    "Baranovichi",
    "Belarus",
    "Berlin",
    "Lithuania",
    "Minsk",
    "Moscow",
    "Poland",
    "Russia",
    "Siberia",
    "United Kingdom",
    "Vileika",
    "Warsaw",
  ]);
  assert.deepEqual(names(result.organisations), [
    "Belarusian National Academy of Sciences",
    "Kremlin",
    "NATO",
    "R. Politik",
    "Union State",
    "World Bank",
  ]);
});

test("seed: transliterations, surnames and possessives resolve to one canonical person", () => {
  const { text, headline } = seed();
  const result = extractEntities({ headline, text });
  const lukashenko = find(result.people, "Alexander Lukashenko");
  assert.equal(lukashenko.slug, "alexander-lukashenko");
  assert.deepEqual(lukashenko.aliases.sort(), ["Aleksandr Lukashenko", "Lukashenko"]);
  // Headline once, body 13 times (two of them "Lukashenko’s").
  assert.equal(lukashenko.mentions, 14);
  assert.equal(lukashenko.spans.length, 13);
  for (const span of lukashenko.spans) {
    assert.match(text.slice(span.start, span.end), /^(Aleksandr )?Lukashenko$/);
  }
  assert.deepEqual(find(result.people, "Alexei Navalny").aliases.sort(), [
    "Alexei Navalni",
    "Navalni",
  ]);
  // "Lagvinets" alone, later, is the political scientist met in full before.
  assert.equal(find(result.people, "Ales Lagvinets").mentions, 2);
  assert.deepEqual(find(result.organisations, "World Bank").aliases, ["Banco Mundial"]);
  assert.deepEqual(find(result.organisations, "Union State").aliases, ["State Union"]);
});

test("seed: sorted by mentions, most first", () => {
  const result = extractEntities(seed());
  for (const list of Object.values(result) as Entity[][]) {
    for (let i = 1; i < list.length; i++) {
      assert.ok((list[i - 1] as Entity).mentions >= (list[i] as Entity).mentions);
    }
  }
  assert.equal(result.people[0]?.name, "Alexander Lukashenko");
  assert.equal(result.places[0]?.name, "Russia");
  assert.equal(result.organisations[0]?.name, "Kremlin");
});

function extract(text: string, headline = "News"): Entities {
  return extractEntities({ headline, text });
}

test("a surname is learned from the full name, through titles and possessives", () => {
  const r = extract(
    "Finance Minister Jana Kowalczyk announced cuts on Monday. Critics said Kowalczyk's plan " +
      "would hurt pensioners. Ms Kowalczyk denied it.",
  );
  const person = find(r.people, "Jana Kowalczyk");
  assert.equal(person.mentions, 3);
  assert.deepEqual(person.aliases, ["Kowalczyk"]);
  assert.deepEqual(r.organisations, []);
});

test("two people sharing a surname leave the bare surname unassigned", () => {
  const r = extract(
    "Ed Miliband and David Miliband met in London. Both men are former ministers; Miliband said little.",
  );
  assert.equal(find(r.people, "Ed Miliband").mentions, 1);
  assert.equal(find(r.people, "David Miliband").mentions, 1);
  // "Miliband" alone could be either: it names no third person.
  assert.equal(r.people.length, 2);
});

test("sentence-initial words, months, weekdays and demonyms are not names", () => {
  const r = extract(
    "Furthermore, the talks resumed on Thursday. In August, Russian officials met. " +
      "Most Belarusians disagree. Social media was quiet. May was warm.",
  );
  assert.deepEqual(r.people, []);
  assert.deepEqual(r.organisations, []);
  // A nationality alone names no country.
  assert.deepEqual(r.places, []);
});

test("a nationality counts for a country the article names", () => {
  const r = extract("Russian troops advanced. Russia denied it.");
  const russia = find(r.places, "Russia");
  assert.equal(russia.mentions, 2);
  assert.deepEqual(russia.aliases, ["Russian"]);
});

test("well-known names in their other spellings", () => {
  const r = extract(
    "President Zelenskyy met Volodymyr Zelensky's aides. Qaddafi's son spoke. " +
      "Aleksandr Lukashenka flew to Moscow. The Nato summit and the U.N. agency reacted.",
  );
  assert.deepEqual(find(r.people, "Volodymyr Zelensky").aliases.sort(), ["Zelenskyy"]);
  assert.deepEqual(find(r.people, "Muammar Gaddafi").aliases, ["Qaddafi"]);
  assert.ok(find(r.people, "Alexander Lukashenko"));
  assert.deepEqual(find(r.organisations, "NATO").aliases, ["Nato"]);
  assert.deepEqual(find(r.organisations, "United Nations").aliases, ["U.N."]);
});

test("acronyms must be written as acronyms: 'who' and 'us' are words", () => {
  const r = extract("The WHO warned us about who would pay, the US said.");
  assert.deepEqual(names(r.organisations), ["World Health Organization"]);
  assert.equal(find(r.places, "United States").mentions, 1);
});

test("organisations by their head word, with the place inside them", () => {
  const r = extract(
    "Researchers at the Carnegie Moscow Center and the University of Warsaw agreed with " +
      "the Kenya Meteorological Department.",
  );
  assert.deepEqual(names(r.organisations), [
    "Carnegie Moscow Center",
    "Kenya Meteorological Department",
    "University of Warsaw",
  ]);
  // The places inside those names are not mentions of the cities.
  assert.deepEqual(r.places, []);
});

test("an acronym in brackets after a new name is the same organisation", () => {
  const r = extract(
    "The Belarusian Popular Front (BPF) called a rally. The BPF said thousands came.",
  );
  const bpf = find(r.organisations, "Belarusian Popular Front");
  // In full, in brackets, and alone.
  assert.equal(bpf.mentions, 3);
  assert.deepEqual(bpf.aliases, ["BPF"]);
});

test("places from what surrounds them", () => {
  const r = extract(
    "A radar station in Baranovichi and the towns of Pomonal and Halls Gap were hit. " +
      "Floods reached Lake Victoria and the Kherson region.",
  );
  assert.deepEqual(names(r.places), [
    "Baranovichi",
    "Halls Gap",
    "Kherson",
    "Lake Victoria",
    "Pomonal",
  ]);
});

test("people from roles, titles and attribution", () => {
  const r = extract(
    "“It is over,” said Ayodele Oni, an energy lawyer at Bloomfield Law. Political scientist " +
      "Ales Lagvinets agreed, and Judge Amit Mehta of the district court ruled.",
  );
  assert.deepEqual(names(r.people), ["Ales Lagvinets", "Amit Mehta", "Ayodele Oni"]);
  assert.deepEqual(names(r.organisations), ["Bloomfield Law"]);
});

test("a given name before a known word makes a person, not a place", () => {
  const r = extract("Michael Jordan and Jordan Peterson visited Jordan.");
  assert.deepEqual(names(r.people), ["Jordan Peterson", "Michael Jordan"]);
  assert.equal(find(r.places, "Jordan").mentions, 1);
});

test("a Title Case headline lends no new names, only known ones", () => {
  const r = extractEntities({
    headline: "Strong Winds Batter Coastal Towns As Storm Hits Portugal",
    text: "The storm reached the coast near Porto on Sunday.",
  });
  assert.deepEqual(r.people, []);
  assert.deepEqual(r.organisations, []);
  assert.deepEqual(names(r.places), ["Porto", "Portugal"]);
  // Portugal is only in the headline: counted, but no span in the text.
  assert.deepEqual(find(r.places, "Portugal").spans, []);
});

test("a text in capitals yields only the names the gazetteer knows", () => {
  const r = extract(
    "PRESIDENT VLADIMIR PUTIN MET OFFICIALS IN MOSCOW ON MONDAY. THE TALKS WITH NATO WENT NOWHERE, SAID ANALYST JANE DOE OF THE ACME INSTITUTE.",
  );
  assert.deepEqual(names(r.people), ["Vladimir Putin"]);
  assert.deepEqual(names(r.places), ["Moscow"]);
  assert.deepEqual(names(r.organisations), ["NATO"]);
});

test("spans point into the text, not the headline or standfirst", () => {
  const text = "Officials in Minsk said so.";
  const r = extractEntities({ headline: "Minsk talks", standfirst: "Minsk again.", text });
  const minsk = find(r.places, "Minsk");
  assert.equal(minsk.mentions, 3);
  assert.deepEqual(minsk.spans, [{ start: 13, end: 18 }]);
  assert.equal(text.slice(13, 18), "Minsk");
});

test("empty and name-less texts give empty lists", () => {
  assert.deepEqual(extract(""), { people: [], places: [], organisations: [] });
  assert.deepEqual(extract("nothing here is capitalised, not even this."), {
    people: [],
    places: [],
    organisations: [],
  });
});
