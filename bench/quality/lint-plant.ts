// Copies of clean articles with one defect planted by program, labelled with its rule and
// span: recall over hundreds of defects in every kind of copy, on top of the hand-planted
// ones. Seeded, so every run plants the same defects. See bench/quality/README.md.
import { createRandom, type Random } from "../../src/demo/random.ts";
import { paragraphSpans, type Span, sentenceSpans } from "../../src/enrich/text-spans.ts";
import type { GoldDefect, LabelledCopy } from "./lint-eval.ts";

/** Untranslated passages as they turn up in wire copy: notes, quotes, attributions. */
const FOREIGN: readonly [string, string][] = [
  ["es", "según fuentes oficiales consultadas por este diario"],
  ["es", "en declaraciones a la prensa local tras la reunión"],
  ["es", "la situación es muy grave y necesitamos ayuda urgente"],
  ["fr", "selon les chiffres publiés par le ministère de l'Intérieur"],
  ["fr", "d'après plusieurs témoins présents sur place"],
  ["fr", "nous ne pouvons pas accepter cette décision du gouvernement"],
  ["de", "nach Angaben der Polizei wurde niemand verletzt"],
  ["de", "wir werden alles tun, um die Menschen zu schützen"],
  ["it", "secondo quanto riferito dalle autorità locali"],
  ["it", "non possiamo più aspettare, bisogna agire subito"],
  ["pt", "de acordo com dados divulgados pelo governo federal"],
  ["pt", "não vamos desistir da nossa luta por justiça"],
  ["nl", "volgens de politie zijn er geen gewonden gevallen"],
  ["pl", "sytuacja jest bardzo trudna, ale nie poddamy się"],
  ["sv", "enligt polisen har ingen skadats i olyckan"],
  ["tr", "hükümetin açıklamasına göre kimse yaralanmadı"],
  ["ru", "по словам местных властей, пострадавших нет"],
  ["uk", "ми продовжуємо працювати над відновленням енергосистеми"],
  ["el", "σύμφωνα με την αστυνομία δεν υπάρχουν τραυματίες"],
  ["ar", "وفقا لمصادر رسمية لم يصب أحد بأذى"],
];

const PROMPTS: readonly string[] = [
  "Click here to subscribe to our newsletter.",
  "Sign up for our daily briefing, delivered to your inbox every morning.",
  "Follow us on Facebook and Instagram for the latest news.",
  "Share this article",
  "Share on Twitter",
  "Read more: Five things to know before you travel this summer",
  "Related: Government announces review of rail fares",
  "Advertisement",
  "Story continues below advertisement",
  "Subscribe now for unlimited access to our journalism.",
  "Already a subscriber? Log in here.",
  "Download our app to get breaking news alerts.",
  "Most read",
  "Recommended for you",
  "Listen to this article",
  "Support independent journalism: make a contribution today.",
  "© 2024 Northern Daily Press. All rights reserved.",
  "Got a news tip? Email us at newsdesk@example.com.",
  "Tap here to follow our live coverage.",
  "Join our WhatsApp channel for the day's top stories.",
];

const ENDINGS: readonly string[] = [
  "…",
  "...",
  " […]",
  "\n\nRead more",
  "\n\nContinue reading…",
  "\n\nRead more »",
];

type Planter = (text: string, random: Random) => { text: string; defect: GoldDefect } | null;

interface Sentence extends Span {
  paragraph: number;
}

function sentencesOf(text: string): Sentence[] {
  return paragraphSpans(text).flatMap((p, paragraph) =>
    sentenceSpans(text, p).map((s) => ({ ...s, paragraph })),
  );
}

function insert(text: string, at: number, what: string): string {
  return text.slice(0, at) + what + text.slice(at);
}

/** "the relationship. between": a stop after a word that a lower-case word follows. */
const strayStop: Planter = (text, random) => {
  const spots = [
    ...text.matchAll(/(?<=[ (])([a-z][a-z’'-]{2,}|[A-Z][a-z]{3,}) ([a-z]{2,})(?=[ ,;])/g),
  ];
  if (spots.length === 0) return null;
  const m = random.pick(spots);
  const at = (m.index ?? 0) + (m[1]?.length ?? 0);
  return {
    text: insert(text, at, "."),
    defect: { rule: "sentence-break", start: m.index ?? 0, end: at + 1 + 1 + (m[2]?.length ?? 0) },
  };
};

/** A closing mark with no opening, a mark on the wrong side of its space, or one missing. */
const strayQuote: Planter = (text, random) => {
  const variant = random.int(0, 3);
  if (variant === 0) {
    const ends = sentencesOf(text).filter((s) => {
      const body = text.slice(s.start, s.end);
      return body.endsWith(".") && !/[“”"]/.test(body) && body.length > 40;
    });
    if (ends.length === 0) return null;
    const s = random.pick(ends);
    return {
      text: insert(text, s.end - 1, " ”"),
      defect: { rule: "quote-balance", start: s.end - 1, end: s.end + 1 },
    };
  }
  if (variant === 1) {
    // `,” said` → `, ”said`
    const spots = [...text.matchAll(/([,.])([”"]) ([a-z])/g)];
    if (spots.length === 0) return null;
    const m = random.pick(spots);
    const at = m.index ?? 0;
    return {
      text: `${text.slice(0, at + 1)} ${m[2]}${text.slice(at + 3)}`,
      defect: { rule: "quote-balance", start: at + 1, end: at + 3 },
    };
  }
  // Delete one mark of a typographic pair inside one paragraph.
  const pairs = [...text.matchAll(/“([^“”\n]{20,200})”/g)].filter((m) => {
    const after = text.slice((m.index ?? 0) + m[0].length);
    return !/^[^\n]*\n+[“"]/.test(after);
  });
  if (pairs.length === 0) return null;
  const m = random.pick(pairs);
  const open = m.index ?? 0;
  const close = open + m[0].length - 1;
  if (variant === 2) {
    // The opening goes: the closing mark is the one left without a partner.
    return {
      text: text.slice(0, open) + text.slice(open + 1),
      defect: { rule: "quote-balance", start: close - 1, end: close },
    };
  }
  return {
    text: text.slice(0, close) + text.slice(close + 1),
    defect: { rule: "quote-balance", start: open, end: open + 1 },
  };
};

/** The body cut in its last sentence, sometimes with an ellipsis or a read-on link after. */
const cutShort: Planter = (text, random) => {
  const sentences = sentencesOf(text);
  const last = sentences[sentences.length - 1];
  if (last === undefined) return null;
  const words = [...text.slice(last.start, last.end).matchAll(/\S+/g)];
  if (words.length < 7) return null;
  const keep = random.int(4, words.length - 2);
  const w = words[keep - 1] as RegExpMatchArray;
  const cutAt = last.start + (w.index ?? 0) + w[0].replace(/[,;:.]+$/, "").length;
  const kept = text.slice(0, cutAt);
  const variant = random.int(0, ENDINGS.length);
  const ending = variant === ENDINGS.length ? "" : (ENDINGS[variant] as string);
  return {
    text: kept + ending,
    defect: { rule: "truncated", start: last.start, end: kept.length + ending.length },
  };
};

/** A sentence said again later: appended to a later paragraph, or a paragraph twice. */
const repeat: Planter = (text, random) => {
  const paragraphs = paragraphSpans(text);
  if (paragraphs.length < 3) return null;
  if (random.next() < 0.3) {
    const k = random.int(0, paragraphs.length - 2);
    const p = paragraphs[k] as Span;
    const body = text.slice(p.start, p.end);
    if (body.split(" ").length < 12) return null;
    // The next paragraph's start (not p.end + 2: copy may break paragraphs with one newline).
    const at = (paragraphs[k + 1] as Span).start;
    const gap = text.slice(p.end, at);
    return {
      text: insert(text, at, `${body}${gap}`),
      defect: { rule: "repeated-passage", start: at, end: at + body.length },
    };
  }
  // Whole sentences outside quotations, appended to a paragraph that ends in a full stop.
  const sentences = sentencesOf(text).filter((s) => {
    const body = text.slice(s.start, s.end);
    return (
      s.paragraph < paragraphs.length - 1 && body.split(" ").length >= 10 && !/[“”"]/.test(body)
    );
  });
  if (sentences.length === 0) return null;
  const s = random.pick(sentences);
  let copy = text.slice(s.start, s.end);
  if (random.next() < 0.4) {
    // Nearly: one word dropped, as a rewrite leaves it.
    const words = copy.split(" ");
    words.splice(random.int(1, words.length - 2), 1);
    copy = words.join(" ");
  }
  const later = paragraphs
    .slice(s.paragraph + 1)
    .filter((p) => /[.!?]$/.test(text.slice(p.start, p.end)));
  if (later.length === 0) return null;
  const target = random.pick(later);
  return {
    text: insert(text, target.end, ` ${copy}`),
    defect: { rule: "repeated-passage", start: target.end + 1, end: target.end + 1 + copy.length },
  };
};

/** Words a rewrite swaps for another with the same sense. */
const SYNONYMS: readonly [string, string][] = [
  ["said", "stated"],
  ["told", "informed"],
  ["killed", "left dead"],
  ["people", "persons"],
  ["police", "officers"],
  ["began", "started"],
  ["started", "began"],
  ["announced", "declared"],
  ["large", "big"],
  ["big", "large"],
  ["help", "assist"],
  ["buy", "purchase"],
  ["about", "around"],
  ["around", "about"],
  ["more than", "over"],
  ["after", "following"],
  ["before", "prior to"],
  ["because", "as"],
  ["show", "reveal"],
  ["needed", "required"],
  ["attack", "assault"],
  ["died", "passed away"],
  ["home", "house"],
  ["car", "vehicle"],
  ["quickly", "rapidly"],
  ["also", "as well"],
  ["near", "close to"],
  ["arrested", "detained"],
  ["hospital", "medical centre"],
  ["fire", "blaze"],
  ["week", "seven days"],
  ["several", "a number of"],
];

const NUMBER_WORDS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
  "twenty",
];
const SCALES: Readonly<Record<string, number>> = { thousand: 1e3, million: 1e6, billion: 1e9 };

/** The same number written another way: 12 ↔ twelve, 1.5 million ↔ 1,500,000, per cent ↔ %. */
function renumber(sentence: string, random: Random): string | null {
  const ways: (() => string | null)[] = [
    () => {
      // A whole number, not a part of "99.9", "3:30" or "1,200".
      const m = /(?<![\d.,:]|\d[.,:] ?)\b(\d{1,2})\b(?! ?[.,:] ?\d)/.exec(sentence);
      const n = m === null ? -1 : Number(m[1]);
      if (m === null || n > 20) return null;
      return (
        sentence.slice(0, m.index) +
        (NUMBER_WORDS[n] as string) +
        sentence.slice(m.index + m[0].length)
      );
    },
    () => {
      const m = new RegExp(`\\b(${NUMBER_WORDS.slice(2).join("|")})\\b`, "i").exec(sentence);
      if (m === null) return null;
      const n = NUMBER_WORDS.indexOf((m[1] as string).toLowerCase());
      return sentence.slice(0, m.index) + String(n) + sentence.slice(m.index + m[0].length);
    },
    () => {
      const m = /\b(\d+(?:\.\d+)?) (thousand|million|billion)\b/.exec(sentence);
      if (m === null) return null;
      const value = Math.round(Number(m[1]) * (SCALES[m[2] as string] as number));
      return (
        sentence.slice(0, m.index) +
        value.toLocaleString("en-US") +
        sentence.slice(m.index + m[0].length)
      );
    },
    () => {
      const m = /\b(\d{1,3}(?:,\d{3})+)\b/.exec(sentence);
      if (m === null) return null;
      const value = Number((m[1] as string).replace(/,/g, ""));
      const [scale, name] = value >= 1e6 ? [1e6, "million"] : [1e3, "thousand"];
      const short = Number((value / scale).toFixed(1));
      return `${sentence.slice(0, m.index)}${short} ${name}${sentence.slice(m.index + m[0].length)}`;
    },
    () => {
      const m = /(\d) ?(?:per ?cent|percent)\b/.exec(sentence);
      if (m !== null)
        return `${sentence.slice(0, m.index)}${m[1]}%${sentence.slice(m.index + m[0].length)}`;
      const p = /(\d)%/.exec(sentence);
      if (p === null) return null;
      return `${sentence.slice(0, p.index)}${p[1]} per cent${sentence.slice(p.index + p[0].length)}`;
    },
  ];
  for (const way of random.shuffle(ways)) {
    const out = way();
    if (out !== null) return out;
  }
  return null;
}

/** A word swapped for one with the same sense. */
function synonym(sentence: string, random: Random): string | null {
  for (const [word, other] of random.shuffle(SYNONYMS)) {
    const m = new RegExp(`\\b${word}\\b`).exec(sentence);
    if (m !== null)
      return sentence.slice(0, m.index) + other + sentence.slice(m.index + word.length);
  }
  return null;
}

/** "X, Y." → "Y, x.": the clause after the first comma moved to the front. */
function moveClause(sentence: string): string | null {
  const body = sentence.replace(/[.!?]$/, "");
  const stop = sentence.slice(body.length) || ".";
  const comma = body.search(/, (?!\d)/);
  if (comma < 12 || body.length - comma < 16) return null;
  const first = body.slice(0, comma);
  const second = body.slice(comma + 2);
  // Keep names and "I" capitalised; lower only a common opening word.
  const lowered =
    /^(The|A|An|He|She|It|They|We|There|This|That|In|On|At|After|Before|When|But|And|Police|Officials)\b/.test(
      first,
    )
      ? first.charAt(0).toLowerCase() + first.slice(1)
      : first;
  return `${second.charAt(0).toUpperCase()}${second.slice(1)}, ${lowered}${stop}`;
}

const FILLERS = ["also", "reportedly", "now", "on Tuesday", "again", "then"];

/** Words dropped here and there, or an adverb added, as a second draft leaves them. */
function dropOrAdd(sentence: string, random: Random): string {
  const words = sentence.split(" ");
  if (random.next() < 0.5 && words.length > 10) {
    const n = random.int(1, 2);
    for (let k = 0; k < n; k++) words.splice(random.int(1, words.length - 3), 1);
  } else {
    words.splice(random.int(2, Math.max(2, words.length - 2)), 0, random.pick(FILLERS));
  }
  return words.join(" ");
}

export const REWORDINGS = ["clause", "synonym", "number", "words"] as const;
export type Rewording = (typeof REWORDINGS)[number];

/**
 * The sentence said again in other words, as a rewrite leaves it: the named rewording, and
 * one or two of the others on top where the sentence allows them.
 */
export function reword(sentence: string, kind: Rewording, random: Random): string | null {
  const once = (k: Rewording, s: string): string | null =>
    k === "clause"
      ? moveClause(s)
      : k === "synonym"
        ? synonym(s, random)
        : k === "number"
          ? renumber(s, random)
          : dropOrAdd(s, random);
  let out = once(kind, sentence);
  if (out === null) return null;
  const others = random.shuffle(REWORDINGS.filter((k) => k !== kind));
  for (const extra of others.slice(0, random.int(1, 2))) out = once(extra, out) ?? out;
  return out;
}

/**
 * A sentence said again later in other words (a clause moved, a synonym, a number written
 * another way, words dropped or added), appended to a later paragraph or as its own.
 */
export const rewordedRepeat: Planter = (text, random) => {
  const paragraphs = paragraphSpans(text);
  if (paragraphs.length < 3) return null;
  const sentences = sentencesOf(text).filter((s) => {
    const body = text.slice(s.start, s.end);
    return (
      s.paragraph < paragraphs.length - 1 &&
      body.split(" ").length >= 10 &&
      /[.!?]$/.test(body) &&
      !/[“”"]/.test(body)
    );
  });
  if (sentences.length === 0) return null;
  const s = random.pick(sentences);
  const kind = random.pick(REWORDINGS);
  const copy = reword(text.slice(s.start, s.end), kind, random);
  if (copy === null || copy === text.slice(s.start, s.end)) return null;
  const later = paragraphs
    .slice(s.paragraph + 1)
    .filter((p) => /[.!?]$/.test(text.slice(p.start, p.end)));
  if (later.length === 0) return null;
  const target = random.pick(later);
  const own = random.next() < 0.4;
  const at = target.end + (own ? 2 : 1);
  return {
    text: text.slice(0, target.end) + (own ? "\n\n" : " ") + copy + text.slice(target.end),
    defect: {
      rule: "repeated-passage",
      start: at,
      end: at + copy.length,
      variant: `reworded-${kind}`,
    },
  };
};

/** Web furniture: its own paragraph between two, or at the end. */
const furniture: Planter = (text, random) => {
  const paragraphs = paragraphSpans(text);
  if (paragraphs.length < 2) return null;
  const prompt = random.pick(PROMPTS);
  const p = random.pick(paragraphs.slice(1));
  const at = p.end;
  return {
    text: insert(text, at, `\n\n${prompt}`),
    defect: { rule: "boilerplate", start: at + 2, end: at + 2 + prompt.length },
  };
};

/** An untranslated passage: bracketed, parenthesised or quoted, after a comma or a sentence. */
const untranslated: Planter = (text, random) => {
  const [language, passage] = random.pick(FOREIGN);
  const style = random.int(0, 2);
  if (style === 2) {
    const sentences = sentencesOf(text).filter((s) => text.slice(s.start, s.end).endsWith("."));
    if (sentences.length === 0) return null;
    const s = random.pick(sentences);
    const quote = `“${passage.charAt(0).toUpperCase()}${passage.slice(1)}”, an official said.`;
    return {
      text: insert(text, s.end, ` ${quote}`),
      defect: {
        rule: "foreign-fragment",
        start: s.end + 2,
        end: s.end + 2 + passage.length,
        language,
      },
    };
  }
  const commas = [...text.matchAll(/\p{Ll}(?=, )/gu)];
  if (commas.length === 0) return null;
  const at = (random.pick(commas).index ?? 0) + 1;
  const [open, close] = style === 0 ? ["[", "]"] : ["(", ")"];
  return {
    text: insert(text, at, ` ${open}${passage}${close}`),
    defect: { rule: "foreign-fragment", start: at + 2, end: at + 2 + passage.length, language },
  };
};

export const PLANTERS: Readonly<Record<string, Planter>> = {
  "sentence-break": strayStop,
  "quote-balance": strayQuote,
  truncated: cutShort,
  "repeated-passage": repeat,
  boilerplate: furniture,
  "foreign-fragment": untranslated,
};

/**
 * For each English source copy, one planted copy per rule (where the copy offers a place):
 * the same source text with exactly one planted defect (`reworded`: and one reworded repeat
 * more; `keep`: the source's own defects found again in the planted text).
 */
export function plantedCopies(
  sources: readonly LabelledCopy[],
  seed = 20240601,
  options: { reworded?: boolean; keep?: (copy: LabelledCopy, text: string) => GoldDefect[] } = {},
): LabelledCopy[] {
  const random = createRandom(seed);
  // Its own stream, so adding reworded repeats leaves every other planted copy as it was.
  const rewording = createRandom(seed ^ 0x5eed);
  const out: LabelledCopy[] = [];
  const push = (source: LabelledCopy, rule: string, planted: ReturnType<Planter>) => {
    if (planted === null) return;
    out.push({
      id: `planted/${rule}/${source.id}`,
      headline: source.headline,
      text: planted.text,
      // A source's own defect that the planted one overlays (a cut cut again) is the same one.
      defects: [
        planted.defect,
        ...(options.keep?.(source, planted.text) ?? []).filter(
          (g) =>
            g.rule !== planted.defect.rule ||
            g.end <= planted.defect.start ||
            planted.defect.end <= g.start,
        ),
      ],
    });
  };
  for (const source of sources) {
    for (const [rule, plant] of Object.entries(PLANTERS))
      push(source, rule, plant(source.text, random));
    if (options.reworded)
      push(source, "repeated-passage-reworded", rewordedRepeat(source.text, rewording));
  }
  return out;
}
