import type { LintFinding } from "../../domain/enrichment.ts";
import type { Span } from "../text-spans.ts";
import { excerpt, finding, type LintContext } from "./context.ts";

/**
 * `boilerplate`: web page furniture that came along with the copy: share prompts, "Click
 * here", newsletter plugs, "Follow us on…", related-link lines, advertising labels,
 * subscription walls, copyright lines. Patterns anchored at the start of a sentence are
 * whole prompts and safe to delete; the rest ("…to see the data, click here") need a person.
 * A plain mention ("the council's weekly newsletter") is left alone: only imperatives and
 * furniture phrases count.
 */

const SOCIAL =
  "(?:twitter|x|facebook|instagram|linkedin|tiktok|threads|bluesky|youtube|mastodon|whatsapp|telegram|snapchat|google news|flipboard|reddit)";

/** Whole-sentence prompts: deleting the sentence is safe. */
const ANCHORED: readonly RegExp[] = [
  /^(?:click|tap) (?:here|the link|this link|below)\b/i,
  // Share prompts and share-button labels.
  /^share (?:this|the) (?:article|story|post|page|video)\b/i,
  new RegExp(`^share (?:on|via|to) ${SOCIAL}\\b`, "i"),
  new RegExp(
    `^(?:(?:share|tweet|email|e-mail|print|copy link|save|comments?|${SOCIAL}|pinterest|messenger)\\s*[|·•,/:]?\\s*){1,8}$`,
    "i",
  ),
  // Newsletter and subscription plugs.
  /^(?:sign up|subscribe|register|join|get|enter your email)\b.{0,90}\b(?:newsletters?|briefing|bulletin|inbox|email alerts?)\b/i,
  /^(?:subscribe|sign up|join) (?:now|today|here|for free|free)\b/i,
  /^(?:subscribe|sign up|join|follow) (?:to|for|on) (?:our|us)\b/i,
  /^(?:join|follow) (?:us|our)\b.{0,60}\b(?:channel|group|community|page|account|newsletter|feed)s?\b/i,
  /^(?:subscribe|sign up|join|follow) (?:to|for|on) the\b.{0,40}\b(?:channel|podcast|newsletter|feed|updates|alerts|page)\b/i,
  /^(?:want|like|love|enjoy|enjoyed)\b.{0,60}\b(?:newsletter|inbox)\b/i,
  /^(?:support (?:our|independent|quality) journalism|become a (?:member|subscriber|supporter|patron)|(?:please )?consider (?:supporting|subscribing|donating|a donation))\b/i,
  /^(?:already a subscriber|log in to (?:continue|read)|subscribe to (?:continue|read|unlock)|you have reached your\b.{0,20}\blimit)/i,
  // Social follows.
  new RegExp(
    `^(?:follow|like|find|join) (?:us|me|@\\w+|[\\p{Lu}][\\p{L}.'’-]*(?: [\\p{Lu}][\\p{L}.'’-]*){0,3}) on ${SOCIAL}\\b`,
    "iu",
  ),
  /^follow (?:us|@\w+)\b/i,
  // Related links, labels and players left in by the page.
  /^(?:read more|related|also read|see also|recommended|read next|more on this (?:story|topic)|most read|trending|watch|listen|explore more|you might also like|you may also like)\s*[:|»›]/i,
  /^(?:advertisement|advert|ad|sponsored(?: content)?|most read|most popular|most viewed|trending(?: now)?|recommended(?: for you)?|related(?: stories| articles| content| coverage| topics| links)?|more stories|top stories|more from [\p{L} ]{1,30}|skip (?:advertisement|ad)|you may also like|we think you may also like|you might also like|listen to this (?:article|story)|get the app|opens in (?:a )?new (?:window|tab))\W*$/iu,
  /^(?:story continues below|article continues below|image caption|media caption|image source|scroll to continue|this content is not available|download (?:the|our) (?:free )?app)\b/i,
  /^this (?:article|story|piece) (?:was |is )?(?:originally |first )?(?:published|appeared)\b/i,
  /^(?:like|liked|love|loved|enjoy|enjoyed) this (?:story|article)\?/i,
  // Site chrome: legal links, account prompts, navigation, corrections prompts.
  /^(?:privacy policy|terms (?:of (?:use|service)|and conditions)|cookie (?:policy|settings|preferences)|manage (?:cookies|preferences)|accept (?:all )?cookies|subscribe|sign in|log in|register|back to top|next article|previous article|print|share)\W*$/i,
  /^(?:email|print|save|bookmark) this (?:article|story|page)\b/i,
  /^(?:report (?:an error|a typo|a correction)|spotted (?:an error|a mistake)|found a typo)\b/i,
  // Tips and contact lines.
  /^(?:have|got) a (?:news )?(?:tip|story)\b.{0,60}\b(?:contact|email|e-mail|send|get in touch|tell us)\b/i,
  /^(?:email|e-mail|contact|write to|message) (?:us|our (?:newsroom|team|reporters?|editors?|desk)|the (?:author|newsroom|reporters?|editors?|desk))\b.{0,30}\b(?:at|on|via)\b/i,
  /^(?:have|got) (?:a|any) (?:news )?(?:tip|story|question)s?(?: for us)?\?$/i,
  // Copyright and redistribution lines.
  /^(?:©|copyright\s*(?:©|\(c\))?\s*\d{4}|\(c\)\s*\d{4})/i,
  /^comments?(?: \(\d+\))?$|^(?:join the (?:conversation|discussion)|leave a comment)\b/i,
];

/** Prompts inside a sentence of prose: a person must decide what to keep. */
const ANYWHERE: readonly RegExp[] = [
  /\b(?:click|tap) (?:here|the link|this link|below)\b/i,
  /\ball rights reserved\b/i,
  /\bmay not be (?:published|reproduced), broadcast\b/i,
  /\b(?:we use cookies|enable javascript|your browser does not support)\b/i,
  /\bsign up (?:for|to) (?:our|the) (?:free |daily |weekly )?(?:\p{L}+ )?newsletters?\b/iu,
  /\bdelivered (?:straight |directly )?to your inbox\b/i,
];

/**
 * "Read more", "Continue reading the main story", "Read the full article at…": at the end
 * of the copy they show it was cut (the truncated rule reports them); elsewhere they are
 * furniture. "Read more: <headline>" is a related link, furniture wherever it is.
 */
export const READ_ON =
  /^(?:read more|continue reading|read the (?:full|rest of the|whole) (?:story|article)|keep reading|view (?:the )?full (?:story|article)|full story)\b(?!\s*:).{0,40}$/i;

/**
 * The first words of every anchored pattern: most sentences start otherwise and skip the
 * patterns altogether.
 */
const FIRST_WORDS = new Set(
  (
    "click tap share tweet email e-mail print copy save comment comments pinterest messenger sign " +
    "subscribe register join get enter want like liked love loved enjoy enjoyed support " +
    "become please consider already log you follow find read related also see recommended " +
    "more most trending watch listen explore advertisement advert ad sponsored top skip we " +
    "story article image media scroll this download have got contact write message " +
    "copyright © (c) continue keep view full opens privacy terms cookie manage accept " +
    "back next previous bookmark report spotted found"
  ).split(" "),
);
const SOCIAL_WORDS = new Set(SOCIAL.slice(3, -1).split("|"));
const ANYWHERE_HINT =
  /click|tap |rights reserved|may not be|cookies|javascript|browser|newsletter|inbox/i;

/** Whether a sentence is web furniture, and whether the whole of it is. */
export function boilerplateMatch(sentence: string): "whole" | "part" | null {
  const s = sentence.replace(/^[\s•·*>|–—-]+/, "").trim();
  const first = /^[^\s:|,.!?]*/.exec(s)?.[0].toLowerCase() ?? "";
  if (FIRST_WORDS.has(first) || SOCIAL_WORDS.has(first) || first.startsWith("©")) {
    if (READ_ON.test(s) || ANCHORED.some((p) => p.test(s))) return "whole";
  }
  if (ANYWHERE_HINT.test(s) && ANYWHERE.some((p) => p.test(s))) return "part";
  return null;
}

/**
 * The last sentence of the copy proper, skipping the furniture after it (except a "Read
 * more", which shows the copy was cut), or null for an empty text.
 */
export function lastCopySentence(context: LintContext): Span | null {
  const all = context.sentences.flat();
  for (let k = all.length - 1; k >= 0; k--) {
    const sentence = all[k] as Span;
    const body = context.text.slice(sentence.start, sentence.end).trim();
    if (READ_ON.test(body) || boilerplateMatch(body) !== "whole") return sentence;
  }
  return null;
}

/** The last sentence that is not furniture of any kind, "Read more" included. */
export function lastProseSentence(context: LintContext): Span | null {
  const all = context.sentences.flat();
  for (let k = all.length - 1; k >= 0; k--) {
    const sentence = all[k] as Span;
    if (boilerplateMatch(context.text.slice(sentence.start, sentence.end)) !== "whole")
      return sentence;
  }
  return null;
}

export function boilerplate(context: LintContext): LintFinding[] {
  const { text } = context;
  const out: LintFinding[] = [];
  const last = lastCopySentence(context);
  context.sentences.forEach((sentences) => {
    sentences.forEach((sentence: Span) => {
      const body = text.slice(sentence.start, sentence.end);
      // A closing "Read more" is the truncated rule's: the copy was cut there.
      if (sentence === last && READ_ON.test(body.trim())) return;
      const match = boilerplateMatch(body);
      if (match === null) return;
      out.push(
        finding(
          context,
          "boilerplate",
          "warning",
          sentence,
          match === "whole"
            ? `Web boilerplate in the copy ("${excerpt(body)}"): delete it.`
            : `Web boilerplate in the copy ("${excerpt(body)}"): remove the prompt and keep any facts.`,
          match === "whole" ? "" : null,
        ),
      );
    });
  });
  return out;
}
