import { createInterface } from "node:readline";
import type { Config } from "../config/settings.ts";
import { AppError } from "../domain/errors.ts";
import {
  isNewsroomRole,
  NEWSROOM_ROLES,
  type NewsroomRole,
  normalizeEmail,
  type User,
} from "../domain/user.ts";
import { hashPassword, passwordProblem } from "../newsroom/passwords.ts";
import { keepAnAdmin } from "../newsroom/people-rules.ts";
import type { Services } from "../server/services.ts";
import type { Output } from "./output.ts";
import { withServices } from "./with-services.ts";

export const USER_HELP = `dispatch user <subcommand>
  add <email> --role admin|editor|reporter [--name "Full Name"]
                        create an account; the password is asked for twice (not shown),
                        or read from the first line of stdin when stdin is not a terminal
  list [--json]         every account: e-mail, name, role, state, created
  disable <email>       the account can no longer sign in; its sessions end now
  enable <email>        it can sign in again
  reset-password <email>
                        set a new password (asked for, or stdin); its sessions end
  role <email> <admin|editor|reporter>
                        change what the account may do
the last active admin can be neither disabled nor demoted; every change is audited as "cli"`;

export interface UserFlags {
  role?: string | undefined;
  name?: string | undefined;
  json?: boolean | undefined;
}

/** Where a new password comes from: never an argument, which would land in shell history. */
export type PasswordReader = (purpose: string) => Promise<string>;

const ACTOR = { actor: "cli", actorId: null } as const;

function email(raw: string | undefined): string {
  const normalized = normalizeEmail(raw ?? "");
  if (!normalized) {
    throw new AppError("bad_email", `not an e-mail address: "${raw ?? ""}"`);
  }
  return normalized;
}

function role(raw: string | undefined): NewsroomRole {
  if (!isNewsroomRole(raw)) {
    throw new AppError(
      "unknown_role",
      `${raw === undefined ? "no role given" : `unknown role "${raw}"`}; choose one of ${NEWSROOM_ROLES.join(", ")}`,
    );
  }
  return raw;
}

function state(user: User): string {
  return user.disabledAt === null ? "active" : `disabled ${user.disabledAt}`;
}

async function existing(services: Services, address: string): Promise<User> {
  const user = await services.users.byEmail(address);
  if (!user) throw new AppError("no_such_user", `no account for ${address}`);
  return user;
}

async function newPassword(read: PasswordReader, about: { email: string; name: string }) {
  const password = await read(`password for ${about.email}`);
  const problem = await passwordProblem(password, about);
  if (problem) throw new AppError("bad_password", problem);
  return hashPassword(password);
}

export async function userCommand(
  config: Config,
  args: string[],
  flags: UserFlags,
  out: Output,
  readPassword: PasswordReader = processPassword,
): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub) {
    out.error(USER_HELP);
    return 2;
  }
  const usage = (text: string) => new AppError("usage", `usage: dispatch user ${text}`);
  // Arguments are checked before the database is opened or a password asked for.
  switch (sub) {
    case "add": {
      if (rest.length !== 1)
        throw usage('add <email> --role admin|editor|reporter [--name "Full Name"]');
      const address = email(rest[0]);
      const newRole = role(flags.role);
      const name = (flags.name ?? "").trim() || (address.split("@")[0] ?? address);
      if (name.length > 120) throw new AppError("bad_name", "--name is longer than 120 characters");
      return withServices(config, async (services) => {
        if (await services.users.byEmail(address)) {
          throw new AppError("email_taken", `${address} already has an account`);
        }
        const passwordHash = await newPassword(readPassword, { email: address, name });
        const user = await services.users.create({
          email: address,
          name,
          role: newRole,
          passwordHash,
          now: new Date(),
        });
        await services.audits.record({
          ...ACTOR,
          action: "user.create",
          targetType: "user",
          targetId: String(user.id),
          summary: `${user.email} created as ${user.role} from the command line`,
          before: null,
          after: { email: user.email, name: user.name, role: user.role },
        });
        out.line(`added ${user.email} (${user.name}) as ${user.role}`);
        return 0;
      });
    }
    case "list": {
      if (rest.length !== 0) throw usage("list [--json]");
      return withServices(config, async (services) => {
        const users = await services.users.list();
        if (flags.json) {
          out.line(JSON.stringify(users));
          return 0;
        }
        if (users.length === 0) {
          out.line("no accounts yet: `dispatch user add <email> --role admin`");
          return 0;
        }
        const rows = [
          ["EMAIL", "NAME", "ROLE", "STATE", "CREATED"],
          ...users.map((u) => [u.email, u.name, u.role, state(u), u.createdAt]),
        ];
        const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
        for (const row of rows) {
          out.line(
            row
              .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths?.[i] ?? 0)))
              .join("  "),
          );
        }
        return 0;
      });
    }
    case "disable":
    case "enable": {
      if (rest.length !== 1) throw usage(`${sub} <email>`);
      const address = email(rest[0]);
      return withServices(config, async (services) => {
        const user = await existing(services, address);
        const disabling = sub === "disable";
        if (disabling === (user.disabledAt !== null)) {
          out.line(`${user.email} is already ${disabling ? "disabled" : "active"}`);
          return 0;
        }
        if (disabling) await keepAnAdmin(services.users, user, "disabled");
        const changed = await services.users.setDisabled(user.id, disabling ? new Date() : null);
        const ended = disabling ? await services.sessions.deleteForUser(user.id) : 0;
        await services.audits.record({
          ...ACTOR,
          action: `user.${sub}`,
          targetType: "user",
          targetId: String(user.id),
          summary: disabling
            ? `${user.email} disabled from the command line; ${ended} session(s) ended`
            : `${user.email} enabled from the command line`,
          before: { disabledAt: user.disabledAt },
          after: { disabledAt: changed?.disabledAt ?? null },
        });
        out.line(
          disabling ? `disabled ${user.email}; ${ended} session(s) ended` : `enabled ${user.email}`,
        );
        return 0;
      });
    }
    case "reset-password": {
      if (rest.length !== 1) throw usage("reset-password <email>");
      const address = email(rest[0]);
      return withServices(config, async (services) => {
        const user = await existing(services, address);
        const passwordHash = await newPassword(readPassword, user);
        await services.users.setPassword(user.id, passwordHash, new Date());
        const ended = await services.sessions.deleteForUser(user.id);
        await services.audits.record({
          ...ACTOR,
          action: "user.password",
          targetType: "user",
          targetId: String(user.id),
          summary: `password of ${user.email} reset from the command line; ${ended} session(s) ended`,
          before: null,
          after: null,
        });
        out.line(`new password set for ${user.email}; ${ended} session(s) ended`);
        return 0;
      });
    }
    case "role": {
      if (rest.length !== 2) throw usage("role <email> <admin|editor|reporter>");
      const address = email(rest[0]);
      const newRole = role(rest[1]);
      return withServices(config, async (services) => {
        const user = await existing(services, address);
        if (user.role === newRole) {
          out.line(`${user.email} is already ${newRole}`);
          return 0;
        }
        if (newRole !== "admin") await keepAnAdmin(services.users, user, "demoted");
        await services.users.setRole(user.id, newRole);
        await services.audits.record({
          ...ACTOR,
          action: "user.role",
          targetType: "user",
          targetId: String(user.id),
          summary: `${user.email} is now ${newRole} (was ${user.role}), from the command line`,
          before: { role: user.role },
          after: { role: newRole },
        });
        out.line(`${user.email} is now ${newRole} (was ${user.role})`);
        return 0;
      });
    }
    default:
      out.error(`error: unknown subcommand "user ${sub}"\n${USER_HELP}`);
      return 2;
  }
}

/**
 * On a terminal: asked twice, nothing echoed. Otherwise the first line of stdin (so a
 * script can pipe it in), without its line ending.
 */
export const processPassword: PasswordReader = async (purpose) => {
  if (process.stdin.isTTY) {
    const first = await promptHidden(`New ${purpose}: `);
    const again = await promptHidden("Repeat it: ");
    if (first !== again) throw new AppError("password_mismatch", "the two passwords differ");
    return first;
  }
  const line = await firstLine(process.stdin);
  if (line === null) {
    throw new AppError(
      "no_password",
      `no password on stdin: type it at a terminal, or pipe it in as the first line`,
    );
  }
  return line;
};

function firstLine(stream: NodeJS.ReadableStream): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
    let done = false;
    lines.once("line", (line) => {
      done = true;
      lines.close();
      resolve(line);
    });
    lines.once("close", () => {
      if (!done) resolve(null);
    });
    stream.once("error", reject);
  });
}

function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  const output = process.stderr;
  return new Promise((resolve, reject) => {
    output.write(question);
    input.setRawMode(true);
    input.resume();
    input.setEncoding("utf8");
    let typed = "";
    const finish = (error: AppError | null) => {
      input.setRawMode(false);
      input.pause();
      input.off("data", onData);
      output.write("\n");
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return finish(null);
        if (ch === "\u0003" || ch === "\u0004") {
          return finish(new AppError("cancelled", "cancelled; nothing was changed"));
        }
        if (ch === "\u007f" || ch === "\b") typed = [...typed].slice(0, -1).join("");
        else if (ch >= " ") typed += ch;
      }
    };
    input.on("data", onData);
  });
}
