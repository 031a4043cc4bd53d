import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ApiToken, ApiTokenRepository } from "../../db/api-token-repository.ts";
import { AppError } from "../../domain/errors.ts";
import { isNewsroomRole, NEWSROOM_ROLES } from "../../domain/user.ts";
import { deskTimeOrNever as when } from "../desk-time.ts";
import { readForm } from "../form.ts";
import type { NewsroomKit } from "../kit.ts";
import { CsrfField, FormError, NewsroomLayout, type PageContext, PostButton } from "../layout.tsx";
import { idParam } from "../request-checks.ts";
import { hashSecret } from "../session-auth.ts";

/** `dsp_` names what it is in a leaked log; 32 random bytes make it unguessable. */
export function newApiSecret(): string {
  return `dsp_${randomBytes(32).toString("base64url")}`;
}

function TokensPage(props: {
  ctx: PageContext;
  tokens: ApiToken[];
  error?: string | null;
  /** The secret of the token just made: shown this once, never stored. */
  created?: { token: ApiToken; secret: string } | null;
  revoked?: boolean;
  form?: { name: string; role: string };
}) {
  const { ctx, tokens } = props;
  return (
    <NewsroomLayout ctx={ctx} title="API tokens">
      <h1>API tokens</h1>
      <p class="nr-muted">
        For scripts and other systems: send <code>Authorization: Bearer &lt;token&gt;</code> to the
        write API (<a href="/api/v1/openapi.json">OpenAPI document</a>). A token acts with its role,
        never more than its maker may, and every change it makes is in the audit log under its name.
      </p>
      {props.created ? (
        <div class="nr-notice" role="status">
          <p>
            Token <strong>{props.created.token.name}</strong> made. Copy it now: it is not shown
            again.
          </p>
          <label for="new-token">Token</label>
          <input
            id="new-token"
            type="text"
            readOnly
            value={props.created.secret}
            autocomplete="off"
            spellcheck={false}
          />
        </div>
      ) : null}
      {props.revoked ? (
        <p class="nr-notice" role="status">
          Revoked: the token no longer works.
        </p>
      ) : null}
      <FormError message={props.error ?? null} />
      <h2>New token</h2>
      <form method="post" action="/newsroom/tokens" class="nr-form nr-narrow">
        <CsrfField token={ctx.csrf} />
        <label>
          Name <span class="hint">what uses it, e.g. "wire importer"</span>
          <input
            type="text"
            name="name"
            required
            maxLength={80}
            value={props.form?.name ?? ""}
            aria-describedby={props.error ? "form-error" : undefined}
          />
        </label>
        <label>
          Role
          <select name="role">
            {NEWSROOM_ROLES.map((role) => (
              <option key={role} value={role} selected={(props.form?.role ?? "reporter") === role}>
                {role}
              </option>
            ))}
          </select>
        </label>
        <div>
          <button type="submit">Make token</button>
        </div>
      </form>
      <h2>Tokens</h2>
      {tokens.length === 0 ? (
        <p>No tokens yet.</p>
      ) : (
        <ul class="pp-list">
          {tokens.map((token) => (
            <li key={token.id} class="pp-person">
              <div class="pp-head">
                <strong>{token.name}</strong> <span class="nr-badge">{token.role}</span>
                {token.revokedAt ? <span class="nr-badge">revoked</span> : null}
              </div>
              <p class="nr-muted tk-times">
                Made {when(token.createdAt)} · last used {when(token.lastUsedAt)}
                {token.revokedAt ? ` · revoked ${when(token.revokedAt)}` : ""}
              </p>
              {token.revokedAt ? null : (
                <div class="nr-actions">
                  <PostButton
                    action={`/newsroom/tokens/${token.id}/revoke`}
                    csrf={ctx.csrf}
                    label={`Revoke ${token.name}`}
                    variant="danger"
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </NewsroomLayout>
  );
}

/**
 * `/newsroom/tokens` (admins): make a token scoped to a role (its secret shown once, kept
 * only as a hash), see when each was last used, revoke. Audited.
 */
export function registerApiTokens(
  app: FastifyInstance,
  kit: NewsroomKit,
  deps: { tokens: ApiTokenRepository },
): void {
  kit.nav.push({ href: "/newsroom/tokens", label: "API tokens", access: "admin" });
  const access = { access: "admin" } as const;
  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Omit<Parameters<typeof TokensPage>[0], "ctx" | "tokens"> = {},
    status = 200,
  ) =>
    kit.send(
      reply,
      <TokensPage ctx={kit.ctx(request)} tokens={await deps.tokens.list()} {...extra} />,
      status,
    );

  app.get("/newsroom/tokens", { config: access }, (request, reply) =>
    show(request, reply, { revoked: (request.query as { done?: string }).done === "revoked" }),
  );

  app.post("/newsroom/tokens", { config: access }, async (request, reply) => {
    const form = readForm(request.body);
    const name = form.text("name", 200);
    const role = form.text("role", 20);
    const problem =
      name === ""
        ? "Give the token a name: what will use it."
        : name.length > 80
          ? "The name is longer than 80 characters."
          : !isNewsroomRole(role)
            ? "Choose a role: reporter, editor or admin."
            : null;
    if (problem || !isNewsroomRole(role)) {
      return show(request, reply, { error: problem, form: { name, role } }, 400);
    }
    if ((await deps.tokens.list()).some((t) => t.name === name && t.revokedAt === null)) {
      return show(
        request,
        reply,
        {
          error: `A live token is already called "${name}"; choose another name.`,
          form: { name, role },
        },
        400,
      );
    }
    const secret = newApiSecret();
    const viewer = kit.viewer(request);
    const token = await deps.tokens.create({
      name,
      role,
      tokenHash: hashSecret(secret),
      createdBy: viewer.user.id,
      now: new Date(),
    });
    await kit.audit(request, {
      action: "token.create",
      targetType: "token",
      targetId: String(token.id),
      summary: `API token "${name}" made with the ${role} role`,
      before: null,
      after: { name, role },
    });
    // Shown in this answer only; a reload does not show it again (no-store, not in the URL).
    return show(request, reply, { created: { token, secret } }, 201);
  });

  app.post("/newsroom/tokens/:id/revoke", { config: access }, async (request, reply) => {
    const id = idParam(request);
    const before = (await deps.tokens.list()).find((t) => t.id === id);
    if (!before) throw new AppError("not_found", `no API token #${id}`, { status: 404 });
    if (before.revokedAt === null) {
      const after = await deps.tokens.revoke(id, new Date());
      await kit.audit(request, {
        action: "token.revoke",
        targetType: "token",
        targetId: String(id),
        summary: `API token "${before.name}" revoked`,
        before: { revokedAt: null },
        after: { revokedAt: after?.revokedAt ?? null },
      });
    }
    return reply.redirect("/newsroom/tokens?done=revoked", 303);
  });
}
