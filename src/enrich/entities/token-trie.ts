import { type Token, tokenize } from "./tokenize.ts";

/** How a word of a name must be written for a match: "WHO" is not "who", "Nato" is NATO. */
type Shape = "upper" | "cap" | "any";

interface Hit<T> {
  shapes: Shape[];
  value: T;
}

interface TrieNode<T> {
  next: Map<string, TrieNode<T>>;
  hits: Hit<T>[];
}

export interface TrieMatch<T> {
  /** Number of tokens matched. */
  length: number;
  value: T;
}

/**
 * Names as sequences of word keys, matched at word boundaries: one Map lookup per word, so
 * a few thousand names cost no more than a few dozen. Words of a name must be separated by
 * spaces only ("Moscow. Minsk" is two names, "Moscow Minsk" could be one).
 */
export class TokenTrie<T> {
  readonly #root: TrieNode<T> = { next: new Map(), hits: [] };
  /** First-word keys of names whose first word may be written in lower case ("any"). */
  readonly #lowerFirst = new Set<string>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Returns false when the phrase has no words. */
  add(phrase: string, value: T): boolean {
    const tokens = tokenize(phrase);
    if (tokens.length === 0) return false;
    let node = this.#root;
    const shapes: Shape[] = [];
    for (const token of tokens) {
      const key = lookupKey(token);
      let child = node.next.get(key);
      if (child === undefined) {
        child = { next: new Map(), hits: [] };
        node.next.set(key, child);
      }
      node = child;
      shapes.push(shapeOf(token));
    }
    node.hits.push({ shapes, value });
    if (shapes[0] === "any") this.#lowerFirst.add(lookupKey(tokens[0] as Token));
    this.#size++;
    return true;
  }

  /** The longest name starting at `tokens[index]`, written the way the name asks. */
  longestAt(tokens: readonly Token[], index: number): TrieMatch<T> | null {
    const first = tokens[index] as Token;
    // Most words are lower case, and a name starting with a capital cannot start there.
    if (
      !first.cap &&
      !this.#lowerFirst.has(first.key) &&
      !(first.possessive && this.#lowerFirst.has(`${first.key}'s`))
    )
      return null;
    let node: TrieNode<T> | undefined = this.#root;
    let best: TrieMatch<T> | null = null;
    for (let j = index; j < tokens.length; j++) {
      const token = tokens[j] as Token;
      if (j > index && !token.joined) break;
      const plain: TrieNode<T> | undefined = node.next.get(token.key);
      if (plain !== undefined) best = this.#fitting(plain, tokens, index, j) ?? best;
      if (!token.possessive) {
        node = plain;
      } else {
        // "Lukashenko's" ends the name "Lukashenko"; "People's" may go on to "Republic".
        node = node.next.get(`${token.key}'s`);
        if (node !== undefined) best = this.#fitting(node, tokens, index, j) ?? best;
      }
      if (node === undefined) break;
    }
    return best;
  }

  #fitting(
    node: TrieNode<T>,
    tokens: readonly Token[],
    index: number,
    last: number,
  ): TrieMatch<T> | null {
    for (const hit of node.hits) {
      if (shapesFit(hit.shapes, tokens, index))
        return { length: last - index + 1, value: hit.value };
    }
    return null;
  }
}

function lookupKey(token: Token): string {
  return token.possessive ? `${token.key}'s` : token.key;
}

function shapeOf(token: Token): Shape {
  if (token.upper) return "upper";
  return token.cap ? "cap" : "any";
}

function shapesFit(shapes: readonly Shape[], tokens: readonly Token[], index: number): boolean {
  for (let k = 0; k < shapes.length; k++) {
    const token = tokens[index + k] as Token;
    switch (shapes[k]) {
      case "upper":
        // Long acronyms are written as words by some house styles ("Nato", "Opec").
        if (!token.upper && !(token.cap && token.key.length >= 4)) return false;
        break;
      case "cap":
        if (!token.cap) return false;
        break;
      case "any":
        break;
    }
  }
  return true;
}
