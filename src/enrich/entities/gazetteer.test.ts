import assert from "node:assert/strict";
import { test } from "node:test";
import { gazetteer } from "./gazetteer.ts";

test("the gazetteer covers the world: countries, capitals, cities, regions", () => {
  const { entities, byName } = gazetteer();
  const places = entities.filter((e) => e.kind === "place");
  const countries = places.filter((e) => e.demonyms.length > 0);
  assert.ok(countries.length >= 180, `${countries.length} countries with demonyms`);
  assert.ok(places.length >= 800, `${places.length} places`);
  assert.ok(entities.filter((e) => e.kind === "organisation").length >= 300);
  assert.ok(entities.filter((e) => e.kind === "person").length >= 250);
  assert.deepEqual(byName.get("belarus")?.demonyms, [
    "Belarusian",
    "Belarusians",
    "Belarusan",
    "Belarusans",
    "Byelorussian",
    "Byelorussians",
  ]);
  for (const name of ["kyiv", "siberia", "vileika", "baranovichi", "ho chi minh city"]) {
    assert.equal(byName.get(name)?.kind, "place", name);
  }
  assert.ok(byName.get("kyiv")?.aliases.includes("Kiev"));
});

test("organisations are found by acronym and full name, people by spellings", () => {
  const { byName } = gazetteer();
  assert.ok(byName.get("international monetary fund")?.aliases.includes("IMF"));
  assert.ok(byName.get("world health organization")?.aliases.includes("WHO"));
  const navalny = byName.get("alexei navalny")?.aliases ?? [];
  for (const form of ["Navalni", "Alexey Navalny", "Aleksei Navalny", "Navalny"]) {
    assert.ok(navalny.includes(form), form);
  }
  const lukashenko = byName.get("alexander lukashenko")?.aliases ?? [];
  for (const form of ["Lukashenka", "Aleksandr Lukashenko", "Alyaksandr Lukashenka"]) {
    assert.ok(lukashenko.includes(form), form);
  }
});

test("a form two entities share names the first, the other keeps it as shadowed", () => {
  const { byName } = gazetteer();
  assert.ok(byName.get("indian national congress")?.shadowed.includes("Congress"));
  assert.equal(byName.get("us congress")?.shadowed.length, 0);
});
