import { type Block, DEFECT_KINDS, type DefectKind, plantDefect } from "./defects.ts";
import { type DemoEvent, type DemoQuote, EVENTS } from "./events.ts";
import { escapeHtml } from "./html.ts";
import { LOCAL_NAMES, ONE_OFFS, type OneOffTemplate, TOWNS } from "./one-offs.ts";
import { type DemoOutlet, OUTLETS, type OutletSlug } from "./outlets.ts";
import { createRandom, type Random } from "./random.ts";

/**
 * The demo wire's newsroom: an endless, deterministic stream of invented news items. Events
 * come back round after round so new coverage of a known story keeps arriving (from another
 * outlet, with the story moved on); one-off local items sit in between. About one item in
 * five carries a copy fault (see defects.ts).
 */
export interface DemoItem {
  /** Stable for a seed: the same seed gives the same ids in the same order. */
  id: string;
  outlet: OutletSlug;
  outletName: string;
  /** The event covered, or null for a one-off item. */
  eventKey: string | null;
  title: string;
  /** Plain text. */
  summary: string;
  /** Paragraphs (`<p>`), sometimes one `<h2>`; text escaped. */
  html: string;
  author: string;
  categories: string[];
  /** ISO 8601, from the clock given to the stream. */
  published: string;
  /** `/<outlet>/<id>`: the article page on the wire. */
  path: string;
  url: string;
  /** `/images/<id>.png` on the wire, or null. */
  imagePath: string | null;
  image: string | null;
  language: "en";
  defects: DefectKind[];
  wordCount: number;
}

export interface StoryStream {
  next(): DemoItem;
}

export interface StoryStreamOptions {
  /** Prefix of `url` and `image`; default http://127.0.0.1. */
  baseUrl?: string;
}

export const DEFECT_RATE = 0.2;
export const MIN_WORDS = 150;
export const MAX_WORDS = 600;

type Slot = { event: DemoEvent } | { oneOff: OneOffTemplate; town: string };

export function createStoryStream(
  seed: number,
  now: () => Date,
  options: StoryStreamOptions = {},
): StoryStream {
  const random = createRandom(seed);
  const baseUrl = (options.baseUrl ?? "http://127.0.0.1").replace(/\/+$/, "");
  // Where in its outlet list, headline list and lede list each event starts.
  const offsets = new Map(EVENTS.map((e) => [e.key, random.int(0, 11)]));
  const coverage = new Map<string, number>();
  const perOutlet = new Map<string, number>();
  const oneOffs = random.shuffle(ONE_OFFS.flatMap((t) => TOWNS.map((town) => ({ t, town }))));
  let oneOffAt = 0;
  let round = -1;
  let queue: Slot[] = [];
  let seq = 0;

  const nextRound = (): Slot[] => {
    round++;
    const slots: Slot[] = [];
    for (const event of EVENTS) {
      // A story breaks with two outlets on it; later rounds bring one or two updates.
      const copies = round === 0 || random.next() < 0.35 ? 2 : 1;
      for (let i = 0; i < copies; i++) slots.push({ event });
    }
    const extra = random.int(2, 3);
    for (let i = 0; i < extra; i++) {
      const pick = oneOffs[oneOffAt++ % oneOffs.length];
      if (pick) slots.push({ oneOff: pick.t, town: pick.town });
    }
    return random.shuffle(slots);
  };

  return {
    next(): DemoItem {
      if (queue.length === 0) queue = nextRound();
      const slot = queue.shift() as Slot;
      seq++;
      const draft =
        "event" in slot ? eventDraft(slot.event) : oneOffDraft(slot.oneOff, slot.town, random);
      return finish(draft, seq);
    },
  };

  function eventDraft(event: DemoEvent): Draft {
    const offset = offsets.get(event.key) ?? 0;
    const count = coverage.get(event.key) ?? 0;
    coverage.set(event.key, count + 1);
    const slug = event.outlets[(offset + count) % event.outlets.length] as OutletSlug;
    const outlet = OUTLETS[slug];
    const outletCount = perOutlet.get(`${event.key} ${slug}`) ?? 0;
    perOutlet.set(`${event.key} ${slug}`, outletCount + 1);

    // Outlets start at different variants, and each moves on to the next when it comes back.
    const variant = offset + event.outlets.indexOf(slug) + outletCount;
    const lede = at(event.ledes, variant);
    let title = styleHeadline(outlet, at(event.headlines, variant));
    if (slug === "northwind-wire" && outletCount > 0) title = `UPDATE ${outletCount}-${title}`;
    const author = random.pick(outlet.reporters);

    const blocks: Block[] = [
      { kind: "p", text: outlet.dateline ? `${datelineOf(event.place, outlet)}${lede}` : lede },
    ];
    if (round > 0) blocks.push({ kind: "p", text: at(event.developments, round - 1) });
    const body = random.shuffle(event.paragraphs).slice(0, random.int(3, 5));
    const [firstQuote, secondQuote] = random.shuffle(event.quotes);
    body.splice(1, 0, quoteParagraph(firstQuote, random));
    if (secondQuote && random.next() < 0.6) body.push(quoteParagraph(secondQuote, random));
    for (const text of body) blocks.push({ kind: "p", text });
    if (random.next() < 0.4) {
      blocks.splice(Math.ceil(blocks.length / 2), 0, {
        kind: "h2",
        text: random.pick(event.subheads),
      });
    }
    const generics = random.shuffle(genericParagraphs(event.place, event.org));
    if (random.next() < 0.5) blocks.push({ kind: "p", text: generics.shift() as string });
    return {
      key: event.key,
      eventKey: event.key,
      outlet,
      title,
      summary: lede,
      author,
      categories: [...event.categories],
      blocks,
      padding: generics,
      signOff: outlet.signOff?.(author, event.org) ?? null,
    };
  }

  function finish(draft: Draft, n: number): DemoItem {
    const id = `${draft.key}-${seed}-${n}`;
    let blocks = fitLength(draft.blocks, draft.padding);
    if (draft.signOff) blocks.push({ kind: "p", text: draft.signOff, fixed: true });
    const defects: DefectKind[] = [];
    if (random.next() < DEFECT_RATE) {
      const kinds = random.shuffle(DEFECT_KINDS).slice(0, random.next() < 0.7 ? 1 : 2);
      for (const kind of kinds) {
        const planted = plantDefect(blocks, kind, random);
        if (planted === null) continue;
        blocks = planted;
        defects.push(kind);
      }
    }
    const path = `/${draft.outlet.slug}/${id}`;
    const imagePath = random.next() < 0.85 ? `/images/${id}.png` : null;
    return {
      id,
      outlet: draft.outlet.slug,
      outletName: draft.outlet.name,
      eventKey: draft.eventKey,
      title: draft.title,
      summary: draft.summary,
      html: blocks.map((b) => `<${b.kind}>${escapeHtml(b.text)}</${b.kind}>`).join("\n"),
      author: draft.author,
      categories: draft.categories,
      published: now().toISOString(),
      path,
      url: `${baseUrl}${path}`,
      imagePath,
      image: imagePath === null ? null : `${baseUrl}${imagePath}`,
      language: "en",
      defects,
      wordCount: countWords(blocks),
    };
  }
}

interface Draft {
  key: string;
  eventKey: string | null;
  outlet: DemoOutlet;
  title: string;
  summary: string;
  author: string;
  categories: string[];
  blocks: Block[];
  /** Paragraphs that may be added when the copy is too short. */
  padding: string[];
  signOff: string | null;
}

function oneOffDraft(template: OneOffTemplate, town: string, random: Random): Draft {
  const name = random.pick(LOCAL_NAMES);
  const n = String(random.int(3, 12));
  const m = String(random.int(2, 9) * 100 + random.int(0, 9) * 10);
  const fill = (text: string): string =>
    text
      .replaceAll("{town}", town)
      .replaceAll("{name}", name)
      .replaceAll("{n}", n)
      .replaceAll("{m}", m);
  const outlet = OUTLETS[template.outlet];
  const paragraphs = template.paragraphs.map(fill);
  const quote = quoteParagraph({ speaker: name, ...template.quote }, random);
  paragraphs.splice(2, 0, quote);
  return {
    key: `${template.key}-${town.toLowerCase().replaceAll(" ", "-")}`,
    eventKey: null,
    outlet,
    title: styleHeadline(outlet, fill(template.title)),
    summary: paragraphs[0] ?? "",
    author: random.pick(outlet.reporters),
    categories: [...template.categories],
    blocks: paragraphs.map((text) => ({ kind: "p", text })),
    padding: random.shuffle(localParagraphs(town)),
    signOff: outlet.signOff?.(outlet.reporters[0] ?? outlet.name, `the council in ${town}`) ?? null,
  };
}

function fitLength(blocks: readonly Block[], padding: readonly string[]): Block[] {
  const out = [...blocks];
  const extra = [...padding];
  while (countWords(out) < MIN_WORDS + 10 && extra.length > 0) {
    out.push({ kind: "p", text: extra.shift() as string });
  }
  // Room is kept for a sign-off and a planted defect.
  while (countWords(out) > MAX_WORDS - 80 && out.length > 3) out.splice(out.length - 1, 1);
  return out;
}

function genericParagraphs(place: string, org: string): string[] {
  const Org = org.charAt(0).toUpperCase() + org.slice(1);
  return [
    `${Org} said it would publish further details in the coming days and would answer questions from the public once the full picture was clear.`,
    `In ${place}, the news dominated conversation in cafés, on local radio and online, with many residents saying they were following developments closely.`,
    `It was not immediately clear how the developments would affect people beyond ${place}, but analysts said the coming weeks would be decisive.`,
    `${Org} did not immediately respond to a request for further comment on the latest developments.`,
    `Local officials in ${place} said they had been kept informed and would hold a briefing for residents later in the week.`,
  ];
}

function localParagraphs(town: string): string[] {
  return [
    `Residents of ${town} can find more details on the town council's website and in the weekly newsletter delivered to every household.`,
    `The town council in ${town} said it was delighted by the response and thanked the volunteers who had made it possible.`,
    `Several readers in ${town} wrote to us to share their own memories and photographs, some of which we will publish later in the month.`,
  ];
}

function quoteParagraph(quote: DemoQuote | undefined, random: Random): string {
  if (!quote) return "";
  const { speaker, role, text } = quote;
  switch (random.int(0, 2)) {
    case 0:
      return `“${text.replace(/[.!?]$/, ",")}” said ${speaker}, ${role}.`;
    case 1:
      return `${speaker}, ${role}, said: “${text}”`;
    default:
      return `In a statement, ${speaker}, ${role}, said: “${text}”`;
  }
}

function datelineOf(place: string, outlet: DemoOutlet): string {
  return `${place.toUpperCase()} (${outlet.dateline}) – `;
}

const SMALL_WORDS = new Set(["a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on"]);
const MORE_SMALL = new Set(["or", "the", "to", "with"]);

function styleHeadline(outlet: DemoOutlet, headline: string): string {
  if (outlet.headlineCase === "sentence") return headline;
  return headline
    .split(" ")
    .map((word, i) => {
      const lower = word.toLowerCase();
      if (i > 0 && (SMALL_WORDS.has(lower) || MORE_SMALL.has(lower))) return word;
      if (/[\d/]/.test(word)) return word;
      return word.replace(
        /^([^\p{L}]*)(\p{Ll})/u,
        (_, lead: string, c: string) => lead + c.toUpperCase(),
      );
    })
    .join(" ");
}

function at<T>(list: readonly T[], index: number): T {
  const value = list[index % list.length];
  if (value === undefined) throw new RangeError("empty template list");
  return value;
}

function countWords(blocks: readonly Block[]): number {
  return blocks.reduce((sum, b) => sum + (b.text.match(/\S+/g)?.length ?? 0), 0);
}
