import type { StoredResult } from "./bench-result.ts";

export const START = "<!-- results:start -->";
export const END = "<!-- results:end -->";

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

function verdict(pass: boolean | null): string {
  if (pass === null) return "";
  return pass ? "✅ pass" : "❌ miss";
}

export function renderTable(results: StoredResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    const m = result.machine;
    lines.push(
      `### ${result.name}: ${result.title}`,
      "",
      `${result.method}`,
      "",
      `Measured ${m.date.slice(0, 16).replace("T", " ")} UTC · ${m.cpu} · ${m.nproc} CPUs · Node ${m.node}`,
      "",
      "| Case | Dispatch | Ceiling | Ratio | Target | Result |",
      "| --- | ---: | ---: | ---: | --- | --- |",
    );
    for (const row of result.rows) {
      lines.push(
        `| ${[
          cell(row.case),
          cell(row.dispatch),
          cell(row.reference ?? "–"),
          row.ratio === null ? "–" : `${row.ratio.toFixed(2)}×`,
          cell(row.target ?? "–"),
          verdict(row.pass),
        ].join(" | ")} |`,
      );
    }
    if (result.notes.length > 0) {
      lines.push("", ...result.notes.map((note) => `- ${note}`));
    }
    lines.push("");
  }
  return lines.join("\n").trimEnd();
}

/** Replaces what is between the markers, adding them at the end when missing. */
export function replaceBetweenMarkers(readme: string, table: string): string {
  const block = `${START}\n${table}\n${END}`;
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1 || end < start) return `${readme.trimEnd()}\n\n${block}\n`;
  return readme.slice(0, start) + block + readme.slice(end + END.length);
}
