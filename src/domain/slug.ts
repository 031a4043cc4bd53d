/**
 * URL slug from a headline: letters and digits of any script kept (a Russian headline
 * gets a Russian slug), Latin diacritics folded, everything else a single hyphen.
 */
export function slugify(text: string, maxLength = 80): string {
  const base = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’‘]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  if (base.length <= maxLength) return base || "article";
  const cut = base.slice(0, maxLength + 1);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > maxLength / 2 ? cut.slice(0, lastHyphen) : base.slice(0, maxLength)).replace(
    /-+$/,
    "",
  );
}
