import { NAME_CONNECTORS, NEVER_NAMES } from "./cue-words.ts";
import { gazetteer } from "./gazetteer.ts";
import { wordKey } from "./normalize.ts";
import { TokenTrie } from "./token-trie.ts";
import { tokenize } from "./tokenize.ts";
import type { EntityKind } from "./types.ts";
import { isCommonWord, isDateWord } from "./word-lexicon.ts";

/** A name first met in this article; "none" for names of things not listed (treaties). */
export interface LearnedEntity {
  kind: EntityKind | "none";
  name: string;
}

/**
 * The names an article introduces, and the short forms it goes on to use: after
 * "Aleksandr Lukashenko" or "Ales Lagvinets", a bare "Lagvinets" is the same person; after
 * "Organisation for Democracy (OFD)", so is "OFD".
 */
export class LearnedNames {
  readonly trie = new TokenTrie<LearnedEntity>();
  readonly #entities = new Map<string, LearnedEntity>();
  readonly #surnames = new Map<
    string,
    { form: string; owner: LearnedEntity | null; added: boolean }
  >();

  readonly #singles: LearnedEntity[] = [];
  readonly #knownPeople = new Set<string>();

  /** A gazetteer person named in full ("Imran Khan"): the bare surname is theirs here. */
  knownPerson(name: string): void {
    if (this.#knownPeople.has(name)) return;
    this.#knownPeople.add(name);
    this.#noteSurname({ kind: "person", name });
  }

  /**
   * Registers a name; the same name twice is one entity. A one-word person ("Silva said")
   * waits until the full names are in, and is dropped if it is one of their surnames.
   */
  add(kind: EntityKind, name: string): LearnedEntity {
    if (kind === "person" && !/\s/.test(name.trim())) {
      const single = { kind, name };
      this.#singles.push(single);
      return single;
    }
    const id = `${kind}:${wordKey(name)}`;
    let entity = this.#entities.get(id);
    if (entity === undefined) {
      entity = { kind, name };
      this.#entities.set(id, entity);
      this.trie.add(name, entity);
      if (kind === "person") this.#noteSurname(entity);
    }
    return entity;
  }

  has(kind: EntityKind, name: string): boolean {
    return this.#entities.has(`${kind}:${wordKey(name)}`);
  }

  /** A name whose words are no mentions: "Paris Agreement" does not mention Paris. */
  ignore(name: string): void {
    this.trie.add(name, { kind: "none", name });
  }

  /** Another form of a name already learned (an acronym). */
  alias(entity: LearnedEntity, form: string): void {
    this.trie.add(form, entity);
  }

  /**
   * Surnames are added once the full names are in: two people sharing one ("Ed and David
   * Miliband") get neither. Safe to call again after more names are learned.
   */
  addSurnames(): void {
    for (const surname of this.#surnames.values()) {
      if (surname.owner === null || surname.added) continue;
      this.trie.add(surname.form, surname.owner);
      surname.added = true;
    }
  }

  /** Keys of the one-word people waiting for `addSingles`. */
  singleKeys(): string[] {
    return this.#singles.map((single) => wordKey(single.name));
  }

  /** The one-word people no full name accounts for. */
  addSingles(): void {
    for (const single of this.#singles) {
      const tokens = tokenize(single.name);
      if (this.trie.longestAt(tokens, 0)?.length === tokens.length) continue;
      const key = wordKey(single.name);
      if (this.#entities.has(`person:${key}`) || this.#surnames.get(key)?.owner === null) continue;
      const id = `person:${key}`;
      this.#entities.set(id, single);
      this.trie.add(single.name, single);
    }
    this.#singles.length = 0;
  }

  #noteSurname(entity: LearnedEntity): void {
    const words = tokenize(entity.name);
    const last = words.at(-1);
    if (words.length < 2 || last === undefined || !last.cap) return;
    if (isCommonWord(last.key) || isDateWord(last.key) || NEVER_NAMES.has(last.key)) return;
    // "Michael Jordan" does not make every later "Jordan" him.
    if (gazetteer().trie.longestAt([last], 0)?.value.entity.kind === "place") return;
    // Initials, numerals and short syllables ("Kim Jong Un") are no surnames to go by.
    if (last.key.length < 3 || /^[ivx]+$/.test(last.key)) return;
    // "von der Leyen", "bin Salman": the particles belong to the surname.
    let first = words.length - 1;
    while (first > 1 && NAME_CONNECTORS.has((words[first - 1] as (typeof words)[number]).key))
      first--;
    const form = entity.name.slice((words[first] as (typeof words)[number]).start);
    const key = wordKey(form);
    const seen = this.#surnames.get(key);
    if (seen === undefined) this.#surnames.set(key, { form, owner: entity, added: false });
    else if (seen.owner !== entity && !seen.added) seen.owner = null;
  }
}
