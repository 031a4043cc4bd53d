/**
 * Where JSON goes wrong, for messages: V8's SyntaxError says so only in prose, and not
 * always with a position.
 */

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const HEX4 = /[0-9a-fA-F]{4}/y;
const WHITESPACE = " \t\n\r";

type Read = { end: number; failsAt?: undefined } | { end?: undefined; failsAt: number };

/**
 * Offset of the first character that makes `text` invalid JSON (its length when the text
 * ends too soon); null when it is valid. Without recursion, so no depth overflows it.
 */
export function jsonErrorOffset(text: string): number | null {
  const stack: string[] = [];
  let state: "value" | "firstValue" | "key" | "firstKey" | "colon" | "after" = "value";
  let i = 0;
  for (;;) {
    while (i < text.length && WHITESPACE.includes(text.charAt(i))) i++;
    if (i >= text.length) return stack.length === 0 && state === "after" ? null : i;
    const c = text.charAt(i);
    if (state === "after") {
      const open = stack.at(-1);
      if (open === undefined) return i;
      if (c === ",") state = open === "{" ? "key" : "value";
      else if (c === (open === "{" ? "}" : "]")) stack.pop();
      else return i;
      i++;
    } else if (state === "colon") {
      if (c !== ":") return i;
      state = "value";
      i++;
    } else if ((state === "firstKey" && c === "}") || (state === "firstValue" && c === "]")) {
      stack.pop();
      state = "after";
      i++;
    } else if (state === "key" || state === "firstKey") {
      if (c !== '"') return i;
      const read = stringEnd(text, i);
      if (read.failsAt !== undefined) return read.failsAt;
      state = "colon";
      i = read.end;
    } else if (c === "{" || c === "[") {
      stack.push(c);
      state = c === "{" ? "firstKey" : "firstValue";
      i++;
    } else {
      const read = c === '"' ? stringEnd(text, i) : scalarEnd(text, i);
      if (read.failsAt !== undefined) return read.failsAt;
      state = "after";
      i = read.end;
    }
  }
}

/** Where the string starting at `start` ends, or where it goes wrong. */
function stringEnd(text: string, start: number): Read {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '"') return { end: i + 1 };
    if (c < " ") return { failsAt: i };
    if (c === "\\") {
      const escaped = text.charAt(i + 1);
      if (escaped === "u") {
        HEX4.lastIndex = i + 2;
        if (!HEX4.test(text)) return { failsAt: i + 1 };
        i += 5;
      } else if (ESCAPES.has(escaped)) i++;
      else return { failsAt: i + 1 };
    }
  }
  return { failsAt: text.length };
}

/** Where the number or literal at `start` ends, or where it goes wrong. */
function scalarEnd(text: string, start: number): Read {
  const c = text.charAt(start);
  for (const literal of ["true", "false", "null"]) {
    if (c !== literal[0]) continue;
    for (let k = 1; k < literal.length; k++) {
      if (text.charAt(start + k) !== literal[k]) return { failsAt: start + k };
    }
    return { end: start + literal.length };
  }
  NUMBER.lastIndex = start;
  const match = NUMBER.exec(text);
  return match === null ? { failsAt: start } : { end: start + match[0].length };
}
