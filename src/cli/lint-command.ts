import { parseArgs } from "node:util";
import type { LintFinding } from "../domain/enrichment.ts";
import { describeError } from "../domain/errors.ts";
import { lintArticle } from "../enrich/lint/lint.ts";
import { type EntitiesSettings, readArticle } from "./entities-command.ts";
import { runInspection } from "./inspect-inputs.ts";
import type { Output } from "./output.ts";

export const LINT_USAGE = "usage: dispatch lint <file…> [--json]";

export interface LintJson {
  language: string;
  findings: LintFinding[];
}

/**
 * `dispatch lint`: the copy-quality findings for an article file (ninjs JSON, Markdown with
 * front matter, plain text or an HTML page), read exactly as `dispatch entities` reads it,
 * so the desk can check copy before importing it.
 */
export async function lintCommand(
  settings: EntitiesSettings,
  args: string[],
  out: Output,
): Promise<number> {
  let values: { json?: boolean; help?: boolean };
  let files: string[];
  try {
    ({ values, positionals: files } = parseArgs({
      args,
      options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    out.error(`error: ${describeError(error).replace(/\s*\n\s*/g, " ")}`);
    out.error(LINT_USAGE);
    return 2;
  }
  if (values.help) {
    out.line(LINT_USAGE);
    return 0;
  }
  if (files.length === 0) {
    out.error(LINT_USAGE);
    return 2;
  }
  return runInspection({
    inputs: files,
    json: values.json === true,
    out,
    inspect: async (file) => lintJson(lintArticle(await readArticle(file, settings))),
    describe: describeLint,
  });
}

/** Exactly the documented keys, in a stable order. */
export function lintJson(result: { language: string; findings: LintFinding[] }): LintJson {
  return {
    language: result.language,
    findings: result.findings.map(({ rule, severity, start, end, text, message, fix }) => ({
      rule,
      severity,
      start,
      end,
      text,
      message,
      fix,
    })),
  };
}

export function describeLint(result: LintJson): string {
  const lines = [
    `language: ${result.language || "unknown"}`,
    `findings (${result.findings.length}):`,
  ];
  for (const f of result.findings) {
    lines.push(`  ${f.start}–${f.end} ${f.severity} ${f.rule}: ${f.message}`);
    if (f.fix !== null)
      lines.push(`    fix: ${f.fix === "" ? "delete it" : JSON.stringify(f.fix)}`);
  }
  return lines.join("\n");
}
