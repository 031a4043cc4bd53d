import { parseArgs } from "node:util";
import { describeSettings, loadConfig, redactedConfig } from "../config/settings.ts";
import { describeError, isAppError } from "../domain/errors.ts";
import { type Output, processOutput } from "./output.ts";

const HELP = `dispatch: a 24/7 live news portal

usage: dispatch <command> [options]

commands:
  serve [--role all|web|worker] [--demo]
                        run the portal (web server on PORT, SQLite in DATA_DIR by default);
                          --role all (default): site, feed scheduler and enricher in one
                          process; web: pages, feeds and API only; worker: fetch, enrich and
                          store, its port answering /healthz and /readyz only (INGEST=off
                          stops the scheduler); --demo also starts a synthetic news wire on
                          127.0.0.1:PORT+1 and follows it
  ingest --once         fetch every due source once, print a line per source, and exit
  migrate               apply pending database migrations and exit
  import <file…>        import articles: IPTC ninjs JSON, Markdown with front matter, plain text
                          --section <name>   put them in this section (default: News)
                          --source <id>      as that source's items, through its quality gate
  sources …             manage feed sources: add, list, import, export, remove, enable,
                          disable, add-starter (run \`dispatch sources\` for details)
  user …                manage newsroom accounts: add <email> --role admin|editor|reporter
                          [--name "Full Name"], list [--json], disable, enable,
                          reset-password, role <email> <role>; passwords are asked for
                          or read from stdin, never given as arguments (run \`dispatch user\`)
  feed inspect <url|file…>
                        parse feeds as ingestion does and print format, title and items
  extract <url|file…>   print the article ingestion would extract from a page
                          --json             print the result as JSON
                          --base-url <url>   base for relative links in files; without it a
                                             feed's own link is the base, and a page's
                                             canonical link
                          one input: the result, or one \`error: <code>: …\` line and exit 2;
                          several: one JSON line each, in order, {"file", "result"|"error"};
                          exit 0 if all succeeded, 1 if any failed
  entities <file…>      print the people, places and organisations found in articles (ninjs
                          JSON, Markdown, plain text or HTML); --json for JSON; several
                          files: one JSON line each, {"file", "result"|"error"}
  lint <file…>          check the copy of articles (same inputs as entities): language and
                          findings (foreign-fragment, repeated-passage, sentence-break,
                          quote-balance, truncated, boilerplate) with spans and fixes;
                          --json for {"language","findings"}
  cluster <file.jsonl>  group JSONL articles ({"id","title","text","source","published"})
                          into stories as ingestion would: one {"id","story","duplicateOf"}
                          line each (--json), or an error line, and {"merged","into"} when
                          two stories grow into one; --threshold <0–1> (least join
                          probability), --window-hours <hours> (a story closes after this
                          long without a report) to tune
  config                print the effective settings (secrets redacted)
  help                  this text

settings come from environment variables (see \`dispatch config\`) and the optional
JSON file named by DISPATCH_CONFIG.`;

/** Runs one command; returns the process exit code. */
export async function main(argv: string[], out: Output = processOutput): Promise<number> {
  const [command = "help", ...rest] = argv;
  try {
    // Commands are imported when run: `dispatch serve` never loads the entity model.
    switch (command) {
      case "serve": {
        const { flags } = parse(rest, { demo: { type: "boolean" }, role: { type: "string" } });
        const serve = await import("./serve-command.ts");
        return await serve.serveCommand(loadConfig(), {
          demo: flags.demo === true,
          role: serve.parseRole(flags.role as string | undefined),
        });
      }
      case "migrate": {
        const { withServices } = await import("./with-services.ts");
        const result = await withServices(loadConfig(), async (s) => s.migrations);
        out.line(
          `schema at migration ${result.current}; applied now: ${result.applied.map((m) => `${m.id}-${m.name}`).join(", ") || "none"}`,
        );
        return 0;
      }
      case "ingest":
        return await (await import("./ingest-command.ts")).ingestCommand(
          loadConfig(),
          { once: parse(rest, { once: { type: "boolean" } }).flags.once === true },
          out,
        );
      case "import": {
        const { flags, positionals } = parse(rest, {
          section: { type: "string" },
          source: { type: "string" },
        });
        return await (await import("./import-command.ts")).importCommand(
          loadConfig(),
          positionals,
          {
            section: flags.section as string | undefined,
            source: flags.source as string | undefined,
          },
          out,
        );
      }
      case "sources": {
        const { flags, positionals } = parse(rest, {
          mode: { type: "string" },
          section: { type: "string" },
          language: { type: "string" },
          "min-interval": { type: "string" },
          "max-interval": { type: "string" },
        });
        const str = (k: string) =>
          typeof flags[k] === "string" ? (flags[k] as string) : undefined;
        return await (await import("./sources-command.ts")).sourcesCommand(
          loadConfig(),
          positionals,
          {
            mode: str("mode"),
            section: str("section"),
            language: str("language"),
            minInterval: str("min-interval"),
            maxInterval: str("max-interval"),
          },
          out,
        );
      }
      case "user": {
        const { flags, positionals } = parse(rest, {
          role: { type: "string" },
          name: { type: "string" },
          json: { type: "boolean" },
        });
        return await (await import("./user-command.ts")).userCommand(
          loadConfig(),
          positionals,
          {
            role: flags.role as string | undefined,
            name: flags.name as string | undefined,
            json: flags.json === true,
          },
          out,
        );
      }
      case "feed":
        return await (await import("./feed-command.ts")).feedCommand(loadConfig(), rest, out);
      case "extract":
        return await (await import("./extract-command.ts")).extractCommand(loadConfig(), rest, out);
      case "entities":
        return await (await import("./entities-command.ts")).entitiesCommand(
          loadConfig(),
          rest,
          out,
        );
      case "lint":
        return await (await import("./lint-command.ts")).lintCommand(loadConfig(), rest, out);
      case "cluster": {
        const { flags, positionals } = parse(rest, {
          json: { type: "boolean" },
          threshold: { type: "string" },
          "window-hours": { type: "string" },
        });
        return await (await import("./cluster-command.ts")).clusterCommand(
          positionals,
          {
            json: flags.json === true,
            threshold: flags.threshold as string | undefined,
            windowHours: flags["window-hours"] as string | undefined,
          },
          out,
        );
      }
      case "config": {
        const config = redactedConfig(loadConfig());
        const width = Math.max(...Object.keys(config).map((k) => k.length));
        for (const s of describeSettings()) {
          out.line(`${s.name.padEnd(width)}  ${config[s.name]}${s.secret ? "  (secret)" : ""}`);
        }
        return 0;
      }
      case "help":
      case "--help":
      case "-h":
        out.line(HELP);
        return 0;
      default:
        out.error(`error: unknown command "${command}"; run \`dispatch help\``);
        return 2;
    }
  } catch (error) {
    // One line a person can act on; the stack only when asked for.
    out.error(
      isAppError(error)
        ? `error: ${error.code}: ${error.message}`
        : `error: ${describeError(error)}`,
    );
    if (process.env.DEBUG) console.error(error);
    return 2;
  }
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>["options"];

function parse(args: string[], options: Options) {
  const { values, positionals } = parseArgs({
    args,
    options,
    allowPositionals: true,
    strict: true,
  });
  return { flags: values as Record<string, unknown>, positionals };
}
