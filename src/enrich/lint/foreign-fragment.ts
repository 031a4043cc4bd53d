import type { LintFinding } from "../../domain/enrichment.ts";
import { excerpt, finding, type LintContext } from "./context.ts";

/**
 * `foreign-fragment`: a passage in another language than the article, as found by the
 * language stage (an untranslated bracketed note, a quotation left in the original). A
 * quotation in the original language is often deliberate, so it is only a note; anything
 * else is probably a translation that was never finished. Either way the passage is
 * rendered inside `<span lang>`, so no fix is offered.
 */
export function foreignFragment(context: LintContext): LintFinding[] {
  const { text, language } = context;
  return context.fragments.map((fragment) => {
    const quoted = /[“"«„‘]/.test(text[fragment.start - 1] ?? "");
    const name = languageName(fragment.language);
    const article = languageName(language);
    return finding(
      context,
      "foreign-fragment",
      quoted ? "info" : "warning",
      fragment,
      quoted
        ? `Quotation in ${name} in an article in ${article} ("${excerpt(fragment.text)}"): add a translation if readers need one; it is marked lang="${fragment.language}".`
        : `Passage in ${name} in an article in ${article} ("${excerpt(fragment.text)}"): translate it, or mark it as a quotation; it is marked lang="${fragment.language}".`,
      null,
    );
  });
}

const names = new Intl.DisplayNames(["en"], { type: "language" });

/** "Spanish (es)"; the bare code when the runtime has no name for it. */
export function languageName(code: string): string {
  if (code === "") return "an unknown language";
  try {
    const name = names.of(code);
    return name === undefined || name === code ? code : `${name} (${code})`;
  } catch {
    return code;
  }
}
