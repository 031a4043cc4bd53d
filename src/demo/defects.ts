import type { Random } from "./random.ts";

/**
 * The copy faults the demo wire plants, modelled on the seed article
 * (test/fixtures/seed/article.txt): a bracketed fragment left untranslated, a passage
 * repeated, a full stop in mid-sentence ("the relationship. between"), a closing quote with
 * no opening one, and web boilerplate pasted into the text. The wire desk's quality lint
 * should find each of them.
 */
export const DEFECT_KINDS = [
  "untranslated",
  "repeated",
  "stray-stop",
  "stray-quote",
  "boilerplate",
] as const;
export type DefectKind = (typeof DEFECT_KINDS)[number];

export interface Block {
  kind: "p" | "h2";
  text: string;
  /** Sign-offs and datelines: left alone by defects. */
  fixed?: boolean;
}

const UNTRANSLATED = [
  "[según fuentes oficiales consultadas por este diario]",
  "[responsables de alrededor del 40% de la actividad del sector]",
  "[en declaraciones a la prensa local]",
  "[selon les chiffres publiés par le ministère]",
  "[d'après plusieurs témoins sur place]",
  "[à confirmer par la rédaction]",
] as const;

const BOILERPLATE = [
  "Read more…",
  "Click here to subscribe",
  "Click here to subscribe to our newsletter and never miss a story.",
  "Read more… Share this article:",
] as const;

export function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?][”"]?)\s+(?=[“"A-Z0-9])/);
}

/** The blocks with one defect of this kind planted, or null when the text offers no place. */
export function plantDefect(
  blocks: readonly Block[],
  kind: DefectKind,
  random: Random,
): Block[] | null {
  const out = blocks.map((b) => ({ ...b }));
  const paragraphs = out.filter((b) => b.kind === "p" && b.fixed !== true);
  if (paragraphs.length === 0) return null;
  switch (kind) {
    case "untranslated":
      return editSentence(paragraphs, random, (s) => {
        const fragment = random.pick(UNTRANSLATED);
        const comma = s.indexOf(", ", 20);
        if (comma > 0) return `${s.slice(0, comma)} ${fragment}${s.slice(comma)}`;
        return /[.!?]$/.test(s) ? `${s.slice(0, -1)} ${fragment}${s.slice(-1)}` : null;
      })
        ? out
        : null;
    case "stray-stop":
      return editSentence(paragraphs, random, (s) => {
        const words = s.split(" ");
        const spots: number[] = [];
        for (let i = 3; i < words.length - 3; i++) {
          if (/^[A-Za-z]+$/.test(words[i] ?? "") && /^[a-z]/.test(words[i + 1] ?? ""))
            spots.push(i);
        }
        if (spots.length === 0) return null;
        const at = random.pick(spots);
        words[at] = `${words[at]}.`;
        return words.join(" ");
      })
        ? out
        : null;
    case "stray-quote":
      return editSentence(paragraphs, random, (s) =>
        /[“”"]/.test(s) || !s.endsWith(".") ? null : `${s.slice(0, -1)} ”.`,
      )
        ? out
        : null;
    case "repeated": {
      const last = paragraphs[paragraphs.length - 1] as Block;
      const source = random.pick(paragraphs);
      if (paragraphs.length === 1 || random.next() < 0.3) {
        // The whole paragraph twice, as when copy is pasted in twice.
        out.splice(out.indexOf(source) + 1, 0, { ...source });
        return out;
      }
      const sentence = random.pick(splitSentences(source.text));
      last.text = `${last.text} ${sentence}`;
      return out;
    }
    case "boilerplate":
      out.push({ kind: "p", text: random.pick(BOILERPLATE), fixed: true });
      return out;
  }
}

/** Rewrite one sentence of a random paragraph; false when no sentence could be rewritten. */
function editSentence(
  paragraphs: Block[],
  random: Random,
  edit: (sentence: string) => string | null,
): boolean {
  for (const block of random.shuffle(paragraphs)) {
    const sentences = splitSentences(block.text);
    for (const i of random.shuffle(sentences.map((_, index) => index))) {
      const changed = edit(sentences[i] ?? "");
      if (changed === null) continue;
      sentences[i] = changed;
      block.text = sentences.join(" ");
      return true;
    }
  }
  return false;
}
