import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { UserRepository } from "../../db/user-repository.ts";
import { AppError } from "../../domain/errors.ts";
import { LOG } from "../../domain/log-events.ts";
import { normalizeEmail } from "../../domain/user.ts";
import { readForm } from "../form.ts";
import type { NewsroomKit } from "../kit.ts";
import {
  CsrfField,
  FormError,
  NewsroomLayout,
  Notice,
  type PageContext,
  PostButton,
} from "../layout.tsx";
import type { LoginLimiter } from "../login-limiter.ts";
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from "../passwords.ts";
import type { SessionAuth } from "../session-auth.ts";
import { hashSecret } from "../session-auth.ts";

export interface AuthDeps {
  users: UserRepository;
  auth: SessionAuth;
  limiter: LoginLimiter;
}

const WRONG = "Wrong e-mail address or password.";

function SignInPage(props: {
  ctx: PageContext;
  next: string;
  email: string;
  error: string | null;
}) {
  return (
    <NewsroomLayout ctx={props.ctx} title="Sign in">
      <div class="nr-narrow">
        <h1>Sign in</h1>
        <FormError message={props.error} />
        <form method="post" action="/newsroom/login" class="nr-form">
          <CsrfField token={props.ctx.csrf} />
          <input type="hidden" name="next" value={props.next} />
          <label>
            E-mail address
            <input type="email" name="email" autocomplete="username" required value={props.email} />
          </label>
          <label>
            Password
            <input type="password" name="password" autocomplete="current-password" required />
          </label>
          <div class="nr-actions">
            <button type="submit">Sign in</button>
          </div>
        </form>
      </div>
    </NewsroomLayout>
  );
}

function SetupPage(props: {
  ctx: PageContext;
  token: string;
  email: string;
  name: string;
  error: string | null;
}) {
  return (
    <NewsroomLayout ctx={props.ctx} title="Set up the newsroom">
      <div class="nr-narrow">
        <h1>Create the first admin</h1>
        <p>
          This page works once: while the newsroom has no admin, with the token from the server's
          log.
        </p>
        <FormError message={props.error} />
        <form method="post" action="/newsroom/setup" class="nr-form">
          <CsrfField token={props.ctx.csrf} />
          <input type="hidden" name="token" value={props.token} />
          <PersonFields email={props.email} name={props.name} />
          <PasswordFields label="Password" />
          <div class="nr-actions">
            <button type="submit">Create admin and sign in</button>
          </div>
        </form>
      </div>
    </NewsroomLayout>
  );
}

export function PersonFields(props: { email: string; name: string }) {
  return (
    <>
      <label>
        E-mail address
        <input type="email" name="email" autocomplete="email" required value={props.email} />
      </label>
      <label>
        Name <span class="hint">as bylines and the audit log show it</span>
        <input
          type="text"
          name="name"
          autocomplete="name"
          required
          maxLength={120}
          value={props.name}
        />
      </label>
    </>
  );
}

export function PasswordFields(props: { label: string }) {
  return (
    <>
      <label>
        {props.label} <span class="hint">at least 12 characters, not a common password</span>
        <input
          type="password"
          name="password"
          autocomplete="new-password"
          required
          minLength={12}
        />
      </label>
      <label>
        Repeat it
        <input type="password" name="confirm" autocomplete="new-password" required minLength={12} />
      </label>
    </>
  );
}

function AccountPage(props: { ctx: PageContext; error: string | null; notice: string | null }) {
  const viewer = props.ctx.viewer;
  if (!viewer) return null;
  return (
    <NewsroomLayout ctx={props.ctx} title="Your account">
      <div class="nr-narrow">
        <h1>Your account</h1>
        <Notice message={props.notice} />
        <p>
          {viewer.user.name} · {viewer.user.email} · <span class="nr-badge">{viewer.role}</span>
        </p>
        <h2>Change password</h2>
        <FormError message={props.error} />
        <form method="post" action="/newsroom/account/password" class="nr-form">
          <CsrfField token={props.ctx.csrf} />
          <label>
            Current password
            <input type="password" name="current" autocomplete="current-password" required />
          </label>
          <PasswordFields label="New password" />
          <div class="nr-actions">
            <button type="submit">Change password</button>
          </div>
        </form>
        <h2>Sessions</h2>
        <p>
          Signed in somewhere you no longer are? End every session of this account, this one too.
        </p>
        <PostButton
          action="/newsroom/account/logout-everywhere"
          csrf={props.ctx.csrf}
          label="Sign out everywhere"
          variant="secondary"
        />
      </div>
    </NewsroomLayout>
  );
}

/** The new password's problem, or null: the rules, and the two copies agree. */
async function newPasswordProblem(
  password: string,
  confirm: string,
  about: { email: string; name: string },
): Promise<string | null> {
  const problem = await passwordProblem(password, about);
  if (problem) return problem;
  return password === confirm ? null : "The two passwords differ.";
}

/** Setup, sign-in, sign-out and the viewer's own account. */
export function registerAuthRoutes(app: FastifyInstance, kit: NewsroomKit, deps: AuthDeps): void {
  const { users, auth, limiter } = deps;

  const signInForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    next: string,
    email: string,
    error: string | null,
    status = 200,
  ) =>
    kit.send(
      reply,
      <SignInPage ctx={kit.ctx(request)} next={next} email={email} error={error} />,
      status,
    );

  app.get("/newsroom/login", { config: { access: "public" } }, async (request, reply) => {
    const next = kit.safeNext((request.query as Record<string, unknown>).next);
    if (request.viewer) return reply.redirect(next, 303);
    return signInForm(request, reply, next, "", null);
  });

  app.post("/newsroom/login", { config: { access: "public" } }, async (request, reply) => {
    const form = readForm(request.body);
    const next = kit.safeNext(form.text("next", 2000));
    const address = request.ip;
    const wait = limiter.retryAfter(address);
    if (wait > 0) {
      throw new AppError("too_many_attempts", `Try again in ${Math.ceil(wait / 60)} minute(s).`, {
        status: 429,
        context: { retryAfter: wait },
      });
    }
    const typed = form.text("email", 254);
    const email = normalizeEmail(typed);
    const password = form.raw("password", 1024);
    const user = email ? await users.forSignIn(email) : null;
    // The same work and the same answer for an unknown address as for a wrong password.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !ok || user.disabledAt !== null) {
      limiter.fail(address);
      request.log.info({ event: LOG.signInFailed, address }, "sign-in failed");
      return signInForm(request, reply, next, typed, WRONG, 401);
    }
    limiter.succeed(address);
    const { passwordHash: _hash, ...plain } = user;
    const signedIn = await auth.signIn(plain, request, reply);
    request.viewer = {
      user: plain,
      role: plain.role,
      via: "session",
      sessionHash: signedIn.sessionHash,
      actor: plain.email,
    };
    await kit.audit(request, {
      action: "session.sign_in",
      targetType: "user",
      targetId: String(plain.id),
      summary: `${plain.email} signed in`,
      before: null,
      after: null,
    });
    return reply.redirect(next, 303);
  });

  app.post("/newsroom/logout", { config: { access: "public" } }, async (request, reply) => {
    await auth.signOut(request, reply);
    return reply.redirect("/newsroom/login", 303);
  });

  app.get("/newsroom/setup", { config: { access: "public" } }, async (request, reply) => {
    const token = String((request.query as Record<string, unknown>).token ?? "");
    await checkSetup(users, token);
    return kit.send(
      reply,
      <SetupPage ctx={kit.ctx(request)} token={token} email="" name="" error={null} />,
    );
  });

  app.post("/newsroom/setup", { config: { access: "public" } }, async (request, reply) => {
    const form = readForm(request.body);
    const token = form.text("token", 200);
    await checkSetup(users, token);
    const typed = form.text("email", 254);
    const name = form.text("name", 120);
    const email = normalizeEmail(typed);
    const password = form.raw("password", 1024);
    const again = (error: string) =>
      kit.send(
        reply,
        <SetupPage ctx={kit.ctx(request)} token={token} email={typed} name={name} error={error} />,
        400,
      );
    if (!email) return again("Give an e-mail address, such as name@example.org.");
    if (!name) return again("Give your name.");
    const problem = await newPasswordProblem(password, form.raw("confirm", 1024), { email, name });
    if (problem) return again(problem);
    // Taken only now, once the form is right: a typo does not cost the token.
    if (!(await users.takeSetupToken(hashSecret(token), new Date()))) await checkSetup(users, "");
    const user = await users.create({
      email,
      name,
      role: "admin",
      passwordHash: await hashPassword(password),
      now: new Date(),
    });
    const signedIn = await auth.signIn(user, request, reply);
    request.viewer = {
      user,
      role: user.role,
      via: "session",
      sessionHash: signedIn.sessionHash,
      actor: user.email,
    };
    await kit.audit(request, {
      action: "user.create",
      targetType: "user",
      targetId: String(user.id),
      summary: `first admin ${user.email} created with the setup token`,
      before: null,
      after: { email: user.email, name: user.name, role: user.role },
    });
    return reply.redirect("/newsroom", 303);
  });

  app.get("/newsroom/account", { config: { access: "signed-in" } }, async (request, reply) => {
    const notice = (request.query as Record<string, unknown>).changed
      ? "Your password is changed; your other sessions have ended."
      : null;
    return kit.send(reply, <AccountPage ctx={kit.ctx(request)} error={null} notice={notice} />);
  });

  app.post(
    "/newsroom/account/password",
    { config: { access: "signed-in" } },
    async (request, reply) => {
      const viewer = kit.viewer(request);
      const form = readForm(request.body);
      const again = (error: string, status = 400) =>
        kit.send(reply, <AccountPage ctx={kit.ctx(request)} error={error} notice={null} />, status);
      const stored = await users.forSignIn(viewer.user.email);
      if (!stored || !(await verifyPassword(form.raw("current", 1024), stored.passwordHash))) {
        return again("The current password is wrong.");
      }
      const password = form.raw("password", 1024);
      const problem = await newPasswordProblem(password, form.raw("confirm", 1024), viewer.user);
      if (problem) return again(problem);
      await users.setPassword(viewer.user.id, await hashPassword(password), new Date());
      await auth.signOutEverywhere(viewer.user.id);
      await auth.signIn(viewer.user, request, reply);
      await kit.audit(request, {
        action: "user.password",
        targetType: "user",
        targetId: String(viewer.user.id),
        summary: `${viewer.user.email} changed their password`,
        before: null,
        after: null,
      });
      return reply.redirect("/newsroom/account?changed=1", 303);
    },
  );

  app.post(
    "/newsroom/account/logout-everywhere",
    { config: { access: "signed-in" } },
    async (request, reply) => {
      const viewer = kit.viewer(request);
      const ended = await auth.signOutEverywhere(viewer.user.id);
      await auth.signOut(request, reply);
      await kit.audit(request, {
        action: "session.sign_out_everywhere",
        targetType: "user",
        targetId: String(viewer.user.id),
        summary: `${viewer.user.email} ended all ${ended} of their sessions`,
        before: null,
        after: null,
      });
      return reply.redirect("/newsroom/login", 303);
    },
  );
}

async function checkSetup(users: UserRepository, token: string): Promise<void> {
  if ((await users.countActiveAdmins()) > 0) {
    throw new AppError(
      "already_set_up",
      "The newsroom has an admin: sign in, or ask an admin for an account.",
      {
        status: 410,
      },
    );
  }
  if (
    !/^[A-Za-z0-9_-]{20,200}$/.test(token) ||
    !(await users.hasSetupToken(hashSecret(token), new Date()))
  ) {
    throw new AppError(
      "bad_setup_token",
      "That setup link is wrong or has expired. Restart the server for a new one (it is printed in the log), or run `dispatch user add`.",
      { status: 403 },
    );
  }
}
