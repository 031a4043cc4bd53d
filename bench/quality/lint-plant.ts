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
    const at = p.end + 2;
    return {
      text: insert(text, at, `${body}\n\n`),
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
 * the same source text with exactly one labelled defect.
 */
export function plantedCopies(sources: readonly LabelledCopy[], seed = 20240601): LabelledCopy[] {
  const random = createRandom(seed);
  const out: LabelledCopy[] = [];
  for (const source of sources) {
    for (const [rule, plant] of Object.entries(PLANTERS)) {
      const planted = plant(source.text, random);
      if (planted === null) continue;
      out.push({
        id: `planted/${rule}/${source.id}`,
        headline: source.headline,
        text: planted.text,
        defects: [planted.defect],
      });
    }
  }
  return out;
}
