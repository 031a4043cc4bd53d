// The layering of docs/where-code-lives.md as dependency-cruiser rules, checked inside
// `npm test` (scripts/test.ts runs this file). Run alone: `node --import tsx scripts/layering.ts`.
import path from "node:path";
import { cruise, type IForbiddenRuleType } from "dependency-cruiser";

/** One rule per sentence of the layering; a violation prints the rule's name and comment. */
export const LAYERING_RULES: IForbiddenRuleType[] = [
  {
    name: "no-cycles",
    comment: "no import cycles anywhere in src/",
    severity: "error",
    from: { path: "^src/" },
    to: { circular: true },
  },
  {
    name: "domain-imports-nothing-of-ours",
    comment: "src/domain/ holds types and pure rules: it imports nothing else from src/",
    severity: "error",
    from: { path: "^src/domain/" },
    to: { path: "^src/", pathNot: "^src/domain/" },
  },
  {
    name: "config-imports-only-domain",
    comment: "src/config/ sits just above domain: it imports only src/domain/",
    severity: "error",
    from: { path: "^src/config/" },
    to: { path: "^src/", pathNot: "^src/(domain|config)/" },
  },
  {
    name: "pipeline-never-imports-storage-or-web",
    comment:
      "src/ingest/ and src/enrich/ declare the storage they need as interfaces: they never import db, images, site, api, newsroom, server or cli",
    severity: "error",
    from: { path: "^src/(ingest|enrich)/" },
    to: { path: "^src/(db|images|site|api|newsroom|server|cli)/" },
  },
  {
    name: "demo-wire-stands-alone",
    comment:
      "src/demo/ (the synthetic wire) reaches Dispatch only through plain interfaces: it never imports db, ingest, enrich, images, site, api, newsroom, server or cli",
    severity: "error",
    from: { path: "^src/demo/" },
    to: { path: "^src/(db|ingest|enrich|images|site|api|newsroom|server|cli)/" },
  },
  {
    name: "db-never-imports-web",
    comment: "src/db/ is storage: it never imports images, site, api, newsroom, server or cli",
    severity: "error",
    from: { path: "^src/db/" },
    to: { path: "^src/(images|site|api|newsroom|server|cli)/" },
  },
  {
    name: "images-below-pages",
    comment:
      "src/images/ sits below the pages: it never imports site, api, newsroom, server or cli",
    severity: "error",
    from: { path: "^src/images/" },
    to: { path: "^src/(site|api|newsroom|server|cli)/" },
  },
  {
    name: "pages-never-import-the-newsroom",
    comment:
      "the reader's site and the API never import src/newsroom/: the newsroom is built on them, not under them",
    severity: "error",
    from: { path: "^src/(site|api)/" },
    to: { path: "^src/newsroom/" },
  },
  {
    name: "nothing-imports-server",
    comment: "src/server/ is the composition root: only src/cli/ imports it",
    severity: "error",
    from: { path: "^src/", pathNot: "^src/(server|cli)/" },
    to: { path: "^src/server/" },
  },
  {
    name: "nothing-imports-cli",
    comment: "src/cli/ is the top: nothing outside it imports it",
    severity: "error",
    from: { path: "^src/", pathNot: "^src/cli/" },
    to: { path: "^src/cli/" },
  },
];

export interface LayeringViolation {
  rule: string;
  comment: string;
  from: string;
  to: string;
  cycle: string[];
}

/** Cruises `dirs` (relative to `root`) and returns every rule broken, with the rule's name. */
export async function checkLayering(root: string, dirs = ["src"]): Promise<LayeringViolation[]> {
  const previous = process.cwd();
  // dependency-cruiser resolves paths against the working directory.
  process.chdir(root);
  try {
    const result = await cruise(dirs, {
      ruleSet: { forbidden: LAYERING_RULES },
      validate: true,
      tsPreCompilationDeps: true,
      doNotFollow: { path: "node_modules" },
      exclude: { path: "node_modules" },
      moduleSystems: ["es6"],
    });
    if (typeof result.output === "string") throw new Error("dependency-cruiser gave no result");
    const comments = new Map(LAYERING_RULES.map((r) => [r.name ?? "", r.comment ?? ""]));
    return result.output.summary.violations.map((v) => ({
      rule: v.rule.name,
      comment: comments.get(v.rule.name) ?? "",
      from: v.from,
      to: v.to,
      cycle: (v.cycle ?? []).map((step) => step.name),
    }));
  } finally {
    process.chdir(previous);
  }
}

export function describeViolation(v: LayeringViolation): string {
  const cycle = v.cycle.length > 0 ? `\n    cycle: ${[v.from, ...v.cycle].join(" → ")}` : "";
  return `✖ ${v.rule}: ${v.from} → ${v.to}\n    ${v.comment}${cycle}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(import.meta.dirname, "..");
  const violations = await checkLayering(root);
  for (const v of violations) process.stdout.write(`${describeViolation(v)}\n`);
  if (violations.length > 0) {
    process.stdout.write(`${violations.length} layering rule(s) broken (scripts/layering.ts)\n`);
    process.exit(1);
  }
  process.stdout.write("layering: no rule broken, no cycle\n");
}
