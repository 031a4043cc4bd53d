/**
 * C1 control characters (U+0080–U+009F) in feed text are almost always windows-1252 bytes
 * read as Latin-1 (or `&#146;` references decoded as code points): the characters they
 * stand for, as browsers map them. The five windows-1252 leaves undefined (the "\0"s
 * below) are dropped.
 */

const WINDOWS_1252 = "€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ";

const C1 = /[\u0080-\u009f]/g;
const HAS_C1 = /[\u0080-\u009f]/;

export function windows1252Controls(text: string): string {
  if (!HAS_C1.test(text)) return text;
  return text.replace(C1, (c) => WINDOWS_1252[c.charCodeAt(0) - 0x80]?.replace("\0", "") ?? "");
}
