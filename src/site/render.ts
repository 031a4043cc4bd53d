import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";

export function renderDocument(page: VNode): string {
  return `<!doctype html>\n${renderToString(page)}`;
}

/** JSON for a `<script type="application/ld+json">`: no `</script>` or `<!--` can break out. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("&", "\\u0026")
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}
