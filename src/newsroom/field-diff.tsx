import { diffWordsWithSpace } from "diff";
import type { DraftFields } from "../db/newsroom-article-repository.ts";

/** The fields of an article a person compares, in the order the editor shows them. */
export const FIELD_LABELS: [keyof DraftFields, string][] = [
  ["headline", "Headline"],
  ["standfirst", "Standfirst"],
  ["sectionSlug", "Section"],
  ["byline", "Byline"],
  ["tags", "Tags"],
  ["slug", "Slug"],
  ["imageAlt", "Image description"],
  ["bodySource", "Body"],
];

export const fieldText = (v: DraftFields[keyof DraftFields]) =>
  Array.isArray(v) ? v.join(", ") : (v ?? "");

/** The labelled fields whose text differs between two versions. */
export function differingFields(a: DraftFields, b: DraftFields): [keyof DraftFields, string][] {
  return FIELD_LABELS.filter(([key]) => fieldText(a[key]) !== fieldText(b[key]));
}

/**
 * One field's two versions side by side: words only in `after` in `<ins>`, words only in
 * `before` in `<del>`; text, never markup (preact escapes it). `afterFirst` puts the
 * newer one on the left (the person's own version in a conflict).
 */
export function SideBySide(props: {
  label: string;
  before: { who: string; text: string };
  after: { who: string; text: string };
  afterFirst?: boolean;
}) {
  const parts = diffWordsWithSpace(props.before.text, props.after.text);
  const before = (
    <div>
      <p class="ar-diff-who">{props.before.who}</p>
      <pre class="ar-diff-text">
        {parts.map((p, i) =>
          p.added ? null : p.removed ? (
            <del key={i}>{p.value}</del>
          ) : (
            <span key={i}>{p.value}</span>
          ),
        )}
      </pre>
    </div>
  );
  const after = (
    <div>
      <p class="ar-diff-who">{props.after.who}</p>
      <pre class="ar-diff-text">
        {parts.map((p, i) =>
          p.removed ? null : p.added ? (
            <ins key={i}>{p.value}</ins>
          ) : (
            <span key={i}>{p.value}</span>
          ),
        )}
      </pre>
    </div>
  );
  return (
    <div class="ar-diff">
      <h3>{props.label}</h3>
      <div class="ar-diff-cols">
        {props.afterFirst ? after : before}
        {props.afterFirst ? before : after}
      </div>
    </div>
  );
}
