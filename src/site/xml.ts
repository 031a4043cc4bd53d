// Characters XML 1.0 cannot carry at all, even escaped: C0 controls other than tab, LF and
// CR, lone surrogates, U+FFFE and U+FFFF. Feeds we ingest sometimes hold them; a feed we
// publish with one in it would be refused whole by a strict parser.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content of an element. */
export function xmlText(value: string): string {
  return value
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** A double-quoted attribute value. */
export function xmlAttr(value: string): string {
  return xmlText(value).replace(/"/g, "&quot;");
}

/** `<name>text</name>`, or nothing for a missing value. */
export function xmlElement(name: string, value: string | null | undefined): string {
  return value == null ? "" : `<${name}>${xmlText(value)}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
