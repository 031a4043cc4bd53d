import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { SessionRepository } from "../../db/session-repository.ts";
import type { UserRepository } from "../../db/user-repository.ts";
import { AppError, isAppError } from "../../domain/errors.ts";
import {
  isNewsroomRole,
  NEWSROOM_ROLES,
  type NewsroomRole,
  normalizeEmail,
  type User,
} from "../../domain/user.ts";
import { type Form, readForm } from "../form.ts";
import type { NewsroomKit } from "../kit.ts";
import {
  CsrfField,
  FormError,
  NewsroomLayout,
  Notice,
  type PageContext,
  PostButton,
} from "../layout.tsx";
import { hashPassword, passwordProblem } from "../passwords.ts";
import { keepAnAdmin } from "../people-rules.ts";
import { idParam } from "../request-checks.ts";

const NOTICES: Record<string, string> = {
  added:
    "Account made. Give the person their password by a safe channel; they can change it under their name.",
  role: "Role changed.",
  disabled: "Disabled: the account can no longer sign in and its sessions have ended.",
  enabled: "Enabled: the account can sign in again.",
  password: "Password set; the account's sessions have ended.",
};

function invalid(field: string, message: string): AppError {
  return new AppError("invalid_field", message, { status: 400, context: { field } });
}

function RoleSelect(props: { name: string; id: string; value: NewsroomRole }) {
  return (
    <select name={props.name} id={props.id}>
      {NEWSROOM_ROLES.map((role) => (
        <option key={role} value={role} selected={props.value === role}>
          {role}
        </option>
      ))}
    </select>
  );
}

function Person(props: { user: User; csrf: string; self: boolean }) {
  const { user, csrf } = props;
  const base = `/newsroom/people/${user.id}`;
  const disabled = user.disabledAt !== null;
  return (
    <li class="pp-person">
      <div class="pp-head">
        <strong>{user.name}</strong> <span class="nr-muted">{user.email}</span>{" "}
        <span class="nr-badge">{user.role}</span>
        {disabled ? <span class="nr-badge">disabled</span> : null}
        {props.self ? <span class="nr-badge">you</span> : null}
      </div>
      <div class="nr-actions">
        <form method="post" action={`${base}/role`} class="pp-inline">
          <CsrfField token={csrf} />
          <label for={`role-${user.id}`}>Role</label>
          <RoleSelect name="role" id={`role-${user.id}`} value={user.role} />
          <button type="submit" class="secondary">
            Set role
          </button>
        </form>
        <PostButton
          action={`${base}/${disabled ? "enable" : "disable"}`}
          csrf={csrf}
          label={disabled ? `Enable ${user.name}` : `Disable ${user.name}`}
          variant={disabled ? "secondary" : "danger"}
        />
      </div>
      <details>
        <summary>Set a new password</summary>
        <form method="post" action={`${base}/password`} class="nr-form nr-narrow">
          <CsrfField token={csrf} />
          <label>
            New password <span class="hint">at least 12 characters, not a common password</span>
            <input
              type="password"
              name="password"
              autocomplete="new-password"
              required
              minLength={12}
            />
          </label>
          <div>
            <button type="submit">Set password</button>
          </div>
        </form>
      </details>
    </li>
  );
}

function PeoplePage(props: {
  ctx: PageContext;
  users: User[];
  notice?: string | undefined;
  error?: string | null;
  form?: { email: string; name: string; role: NewsroomRole };
}) {
  const { ctx } = props;
  return (
    <NewsroomLayout ctx={ctx} title="People">
      <h1>People</h1>
      <Notice message={props.notice} />
      <FormError message={props.error ?? null} />
      <ul class="pp-list">
        {props.users.map((user) => (
          <Person
            key={user.id}
            user={user}
            csrf={ctx.csrf}
            self={user.id === ctx.viewer?.user.id}
          />
        ))}
      </ul>
      <h2>Add someone</h2>
      <form method="post" action="/newsroom/people" class="nr-form nr-narrow">
        <CsrfField token={ctx.csrf} />
        <label>
          E-mail address
          <input
            type="email"
            name="email"
            required
            maxLength={254}
            value={props.form?.email ?? ""}
          />
        </label>
        <label>
          Name <span class="hint">as bylines and the desk show it</span>
          <input type="text" name="name" required maxLength={120} value={props.form?.name ?? ""} />
        </label>
        <label for="new-role">Role</label>
        <RoleSelect name="role" id="new-role" value={props.form?.role ?? "reporter"} />
        <label>
          First password <span class="hint">at least 12 characters; they can change it</span>
          <input
            type="password"
            name="password"
            autocomplete="new-password"
            required
            minLength={12}
          />
        </label>
        <div>
          <button type="submit">Add</button>
        </div>
      </form>
    </NewsroomLayout>
  );
}

/**
 * `/newsroom/people` (admins): accounts, roles, disable/enable, new passwords. The last
 * active admin is kept (as `dispatch user` keeps it); disabling or a new password ends the
 * account's sessions at once. Every change audited.
 */
export function registerPeople(
  app: FastifyInstance,
  kit: NewsroomKit,
  deps: { users: UserRepository; sessions: SessionRepository },
): void {
  const { users } = deps;
  kit.nav.push({ href: "/newsroom/people", label: "People", access: "admin" });
  const access = { access: "admin" } as const;

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Omit<Parameters<typeof PeoplePage>[0], "ctx" | "users"> = {},
    status = 200,
  ) =>
    kit.send(
      reply,
      <PeoplePage ctx={kit.ctx(request)} users={await users.list()} {...extra} />,
      status,
    );

  app.get("/newsroom/people", { config: access }, (request, reply) => {
    const done = (request.query as { done?: string }).done;
    return show(request, reply, { notice: done ? NOTICES[done] : undefined });
  });

  async function newPassword(form: Form, about: { email: string; name: string }) {
    const password = form.raw("password", 1024);
    const problem = await passwordProblem(password, about);
    if (problem) throw invalid("password", problem);
    return hashPassword(password);
  }

  app.post("/newsroom/people", { config: access }, async (request, reply) => {
    const form = readForm(request.body);
    const raw = {
      email: form.text("email", 300),
      name: form.text("name", 300),
      role: form.text("role", 20),
    };
    const role: NewsroomRole = isNewsroomRole(raw.role) ? raw.role : "reporter";
    try {
      const email = normalizeEmail(raw.email);
      if (!email) throw invalid("email", `"${raw.email}" is not an e-mail address.`);
      if (!raw.name) throw invalid("name", "Give the person's name.");
      if (raw.name.length > 120) throw invalid("name", "The name is longer than 120 characters.");
      if (!isNewsroomRole(raw.role))
        throw invalid("role", "Choose a role: reporter, editor or admin.");
      if (await users.byEmail(email)) throw invalid("email", `${email} already has an account.`);
      const passwordHash = await newPassword(form, { email, name: raw.name });
      const user = await users.create({
        email,
        name: raw.name,
        role,
        passwordHash,
        now: new Date(),
      });
      await kit.audit(request, {
        action: "user.create",
        targetType: "user",
        targetId: String(user.id),
        summary: `${user.email} added as ${user.role}`,
        before: null,
        after: { email: user.email, name: user.name, role: user.role },
      });
      return reply.redirect("/newsroom/people?done=added", 303);
    } catch (error) {
      if (isAppError(error) && error.status === 400) {
        return show(request, reply, { error: error.message, form: { ...raw, role } }, 400);
      }
      throw error;
    }
  });

  /** One change to one account: checked, applied, audited, then back to the list. */
  const change = (
    path: string,
    apply: (
      user: User,
      form: Form,
    ) => Promise<{
      action: string;
      done: string;
      summary: string;
      before: unknown;
      after: unknown;
    }>,
  ) =>
    app.post(`/newsroom/people/:id/${path}`, { config: access }, async (request, reply) => {
      const user = await users.byId(idParam(request));
      if (!user) throw new AppError("not_found", "no such account", { status: 404 });
      let result: Awaited<ReturnType<typeof apply>>;
      try {
        result = await apply(user, readForm(request.body));
      } catch (error) {
        if (isAppError(error) && (error.status === 400 || error.code === "last_admin")) {
          return show(request, reply, { error: error.message }, error.status ?? 400);
        }
        throw error;
      }
      await kit.audit(request, {
        action: result.action,
        targetType: "user",
        targetId: String(user.id),
        summary: result.summary,
        before: result.before,
        after: result.after,
      });
      return reply.redirect(`/newsroom/people?done=${result.done}`, 303);
    });

  change("role", async (user, form) => {
    const role = form.text("role", 20);
    if (!isNewsroomRole(role)) throw invalid("role", "Choose a role: reporter, editor or admin.");
    if (role !== "admin" && role !== user.role) await keepAnAdmin(users, user, "demoted");
    await users.setRole(user.id, role);
    return {
      action: "user.role",
      done: "role",
      summary: `${user.email} is now ${role} (was ${user.role})`,
      before: { role: user.role },
      after: { role },
    };
  });
  for (const disabling of [true, false]) {
    change(disabling ? "disable" : "enable", async (user) => {
      if (disabling) await keepAnAdmin(users, user, "disabled");
      const after = await users.setDisabled(user.id, disabling ? new Date() : null);
      const ended = disabling ? await deps.sessions.deleteForUser(user.id) : 0;
      return {
        action: disabling ? "user.disable" : "user.enable",
        done: disabling ? "disabled" : "enabled",
        summary: disabling
          ? `${user.email} disabled; ${ended} session(s) ended`
          : `${user.email} enabled`,
        before: { disabledAt: user.disabledAt },
        after: { disabledAt: after?.disabledAt ?? null },
      };
    });
  }
  change("password", async (user, form) => {
    const passwordHash = await newPassword(form, user);
    await users.setPassword(user.id, passwordHash, new Date());
    const ended = await deps.sessions.deleteForUser(user.id);
    return {
      action: "user.password",
      done: "password",
      summary: `new password set for ${user.email}; ${ended} session(s) ended`,
      before: null,
      after: null,
    };
  });
}
