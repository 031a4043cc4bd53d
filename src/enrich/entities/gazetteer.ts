import { CITY_TABLE } from "./cities.ts";
import { COUNTRY_TABLE } from "./countries.ts";
import { wordKey } from "./normalize.ts";
import { ORGANISATION_TABLE } from "./organisations.ts";
import { PEOPLE_TABLE } from "./people.ts";
import { REGION_TABLE } from "./regions.ts";
import { TokenTrie } from "./token-trie.ts";
import type { EntityKind } from "./types.ts";

export interface KnownEntity {
  name: string;
  kind: EntityKind;
  /** Every form that names it, the canonical name first. */
  aliases: string[];
  /** "Russian": counted for Russia only when the article names Russia itself. */
  demonyms: string[];
  /**
   * Its forms that an entity listed earlier also has ("Congress" is the US Congress's):
   * they name this one only in an article that names it in full.
   */
  shadowed: string[];
}

/** What a name in the text resolves to. */
export interface KnownName {
  entity: KnownEntity;
  demonym: boolean;
}

export interface Gazetteer {
  entities: readonly KnownEntity[];
  trie: TokenTrie<KnownName>;
  /** By canonical name, lower case. */
  byName: ReadonlyMap<string, KnownEntity>;
}

let shared: Gazetteer | undefined;

/** Built once per process on first use (some 5,000 names, a few milliseconds). */
export function gazetteer(): Gazetteer {
  shared ??= buildGazetteer();
  return shared;
}

function buildGazetteer(): Gazetteer {
  const byName = new Map<string, KnownEntity>();
  const entities: KnownEntity[] = [];
  const add = (kind: EntityKind, names: string[], demonyms: string[] = []): void => {
    const [name, ...aliases] = names.map(collapse).filter((n) => n !== "");
    if (name === undefined) return;
    const id = `${kind}:${wordKey(name)}`;
    let entity = byName.get(id);
    if (entity === undefined) {
      entity = { name, kind, aliases: [name], demonyms: [], shadowed: [] };
      byName.set(id, entity);
      entities.push(entity);
    }
    for (const alias of aliases) if (!entity.aliases.includes(alias)) entity.aliases.push(alias);
    for (const demonym of demonyms) {
      if (!entity.demonyms.includes(demonym)) entity.demonyms.push(demonym);
    }
  };

  for (const row of rows(COUNTRY_TABLE)) {
    const [name = "", others = "", demonyms = "", capitals = ""] = row.split("|");
    add("place", [name, ...list(others)], list(demonyms).flatMap(withPlural));
    for (const capital of list(capitals)) add("place", capital.split("/"));
  }
  for (const city of list(CITY_TABLE)) add("place", city.split("/"));
  for (const region of list(REGION_TABLE)) add("place", region.split("/"));
  for (const row of rows(ORGANISATION_TABLE)) {
    const [name = "", others = ""] = row.split("|");
    add("organisation", [name, ...list(others)]);
  }
  for (const row of rows(PEOPLE_TABLE)) {
    const [name = "", others = ""] = row.split("|");
    add("person", [name, ...list(others).flatMap(expandSpellings)]);
  }

  const trie = new TokenTrie<KnownName>();
  const taken = new Map<string, KnownEntity>();
  for (const entity of entities) {
    for (const alias of entity.aliases) claim(trie, taken, alias, { entity, demonym: false });
    for (const demonym of entity.demonyms) claim(trie, taken, demonym, { entity, demonym: true });
  }
  const lookup = new Map<string, KnownEntity>();
  for (const entity of entities) lookup.set(entity.name.toLowerCase(), entity);
  return { entities, trie, byName: lookup };
}

/** The first entity to list a form keeps it: countries before cities before people. */
function claim(
  trie: TokenTrie<KnownName>,
  taken: Map<string, KnownEntity>,
  form: string,
  value: KnownName,
): void {
  const key = `${wordKey(form)}|${shapeKey(form)}`;
  const owner = taken.get(key);
  if (owner !== undefined) {
    if (owner !== value.entity && !value.demonym) value.entity.shadowed.push(form);
    return;
  }
  taken.set(key, value.entity);
  trie.add(form, value);
}

function shapeKey(form: string): string {
  return form.replace(/\p{Lu}/gu, "A").replace(/\p{Ll}/gu, "a");
}

function rows(table: string): string[] {
  return table
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

function list(cell: string): string[] {
  return cell
    .split(/,\s*(?:\n\s*)?|\n/)
    .map(collapse)
    .filter((item) => item !== "");
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** "Russian" → Russians; "Chinese", "Swiss", "British" have no plural. */
function withPlural(demonym: string): string[] {
  if (/(ese|ss|sh|ch|i)$/i.test(demonym) && !/i$/i.test(demonym)) return [demonym];
  if (/(men|women)$/i.test(demonym)) return [demonym];
  if (/man$/i.test(demonym)) return [demonym, demonym.replace(/man$/i, "men")];
  return [demonym, `${demonym}s`];
}

/** "Alexei/Alexey Navalny/Navalni" → every combination of the spellings. */
function expandSpellings(form: string): string[] {
  let out = [""];
  for (const word of form.split(" ")) {
    const spellings = word.split("/");
    out = out.flatMap((prefix) =>
      spellings.map((spelling) => (prefix === "" ? spelling : `${prefix} ${spelling}`)),
    );
  }
  return out;
}
