import { CATEGORIES, type Finding } from "./lighthouse-findings.ts";
import { type PageResult, scoreOf } from "./lighthouse-runs.ts";

/** findings.md: per page, its scores and every audit that does not pass, with details. */
export function findingsMarkdown(pages: PageResult[], all: Finding[], header: string[]): string {
  const lines = ["# Lighthouse: audits that do not pass", "", ...header, ""];
  for (const page of pages) {
    lines.push(`## ${page.name} \`${page.path}\``, "");
    if (!page.available) {
      lines.push("Not available (404).", "");
      continue;
    }
    lines.push(CATEGORIES.map((c) => `${c} ${scoreOf(page, c) ?? "–"}`).join(" · "), "");
    if (page.redirectedFrom.length > 0) {
      lines.push(`Reached through a redirect from ${page.redirectedFrom.join(", ")}.`, "");
    }
    for (const f of all.filter((x) => x.page === page.name)) {
      const value = f.displayValue ? `, ${f.displayValue}` : "";
      lines.push(
        `- **${f.id}** (${f.categories.join(", ")}; group ${f.group || "–"}; weight ${Number(f.weight.toFixed(2))}; score ${f.score ?? f.mode}${value}): ${f.title}`,
        ...f.details.map((d) => `    - ${d}`),
      );
    }
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
