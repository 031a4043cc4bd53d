import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Integer, Optional, Object as TObject, String as TString } from "typebox";
import type { AlertRepository } from "../../db/alert-repository.ts";
import {
  ALERT_HEADLINE_MAX,
  ALERT_MINUTES_DEFAULT,
  ALERT_MINUTES_MAX,
  ALERT_URL_MAX,
  type BreakingAlert,
} from "../../domain/alert.ts";
import { isAppError } from "../../domain/errors.ts";
import { ALERT_MINUTES_MIN, alertState, createAlertActions } from "../alert-actions.ts";
import { deskTime } from "../desk-time.ts";
import type { NewsroomKit } from "../kit.ts";
import {
  CsrfField,
  FormError,
  invalidIf,
  NewsroomLayout,
  Notice,
  type PageContext,
  PostButton,
} from "../layout.tsx";
import { actorOf, bodyFields } from "../liveblog-actions.ts";
import { parseId, refuseInvalid } from "../request-checks.ts";

const NOTICES: Record<string, string> = {
  sent: "Alert sent: it is on every reader page but the one it links to.",
  withdrawn: "Alert withdrawn: it is off every reader page.",
};

interface Typed {
  headline: string;
  url: string;
  minutes: string;
}

function AlertRow(props: { alert: BreakingAlert; csrf: string; now: Date }) {
  const { alert } = props;
  const state = alertState(alert, props.now);
  return (
    <li class={`al-item al-${state}`}>
      <div class="al-head">
        <span class={`nr-badge al-state-${state}`}>{state}</span> <strong>{alert.headline}</strong>
      </div>
      <p class="nr-muted al-meta">
        <a href={alert.url}>{alert.url}</a>
        {" · sent "}
        <time datetime={alert.createdAt}>{deskTime(alert.createdAt)}</time>
        {alert.withdrawnAt ? (
          <>
            {" · withdrawn "}
            <time datetime={alert.withdrawnAt}>{deskTime(alert.withdrawnAt)}</time>
          </>
        ) : (
          <>
            {state === "live" ? " · until " : " · ended "}
            <time datetime={alert.expiresAt}>{deskTime(alert.expiresAt)}</time>
          </>
        )}
      </p>
      {state === "live" ? (
        <PostButton
          action={`/newsroom/alerts/${alert.id}/withdraw`}
          csrf={props.csrf}
          label="Withdraw"
          variant="danger"
        />
      ) : null}
    </li>
  );
}

function AlertsPage(props: {
  ctx: PageContext;
  alerts: BreakingAlert[];
  notice: string | null;
  error: { message: string; field: string | null } | null;
  typed: Typed;
  now: Date;
}) {
  const { ctx, error, typed } = props;
  const invalid = (field: string) => invalidIf(error?.field === field);
  return (
    <NewsroomLayout ctx={ctx} title="Breaking alerts">
      <h1>Breaking alerts</h1>
      <FormError message={error?.message ?? null} />
      <Notice message={props.notice} />
      <section aria-labelledby="al-new">
        <h2 id="al-new">Send an alert</h2>
        <form method="post" action="/newsroom/alerts" class="nr-form nr-narrow">
          <CsrfField token={ctx.csrf} />
          <label for="al-headline">Headline</label>
          <input
            id="al-headline"
            type="text"
            name="headline"
            required
            maxLength={ALERT_HEADLINE_MAX}
            value={typed.headline}
            {...invalid("headline")}
          />
          <label for="al-url">
            Link
            <span class="hint">A path on this site (/world/…) or an https:// address</span>
          </label>
          <input
            id="al-url"
            type="text"
            name="url"
            required
            maxLength={ALERT_URL_MAX}
            inputMode="url"
            autoComplete="off"
            value={typed.url}
            {...invalid("url")}
          />
          <label for="al-minutes">
            Minutes on the site
            <span class="hint">
              {ALERT_MINUTES_MIN} to {ALERT_MINUTES_MAX} (24 hours); it ends by itself
            </span>
          </label>
          <input
            id="al-minutes"
            type="number"
            name="minutes"
            min={ALERT_MINUTES_MIN}
            max={ALERT_MINUTES_MAX}
            step={1}
            required
            value={typed.minutes}
            {...invalid("minutes")}
          />
          <div>
            <button type="submit">Send alert</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="al-recent">
        <h2 id="al-recent">Recent alerts</h2>
        {props.alerts.length === 0 ? (
          <p>No alert has been sent yet.</p>
        ) : (
          <ul class="al-list">
            {props.alerts.map((a) => (
              <AlertRow key={a.id} alert={a} csrf={ctx.csrf} now={props.now} />
            ))}
          </ul>
        )}
      </section>
    </NewsroomLayout>
  );
}

const AlertBody = TObject({
  headline: TString({ maxLength: ALERT_HEADLINE_MAX, description: "What readers see" }),
  url: TString({
    maxLength: ALERT_URL_MAX,
    description: "A path on this site (`/world/…`) or an https URL",
  }),
  minutes: Optional(
    Integer({
      minimum: ALERT_MINUTES_MIN,
      maximum: ALERT_MINUTES_MAX,
      description: `How long it shows; default ${ALERT_MINUTES_DEFAULT}`,
    }),
  ),
});
const AlertParams = TObject({ id: TString({ pattern: "^\\d{1,9}$" }) });
const alertJson = {
  type: "object",
  properties: {
    alert: {
      type: "object",
      properties: {
        id: { type: "integer" },
        headline: { type: "string" },
        url: { type: "string" },
        createdAt: { type: "string" },
        expiresAt: { type: "string" },
        withdrawnAt: { type: ["string", "null"] },
        state: { type: "string", enum: ["live", "expired", "withdrawn"] },
      },
    },
  },
};

/**
 * `/newsroom/alerts` (editors): send a breaking alert (headline, link, minutes), see the
 * recent ones with their state, withdraw a live one. `POST /api/v1/alerts` and
 * `DELETE /api/v1/alerts/:id` do the same through the same actions.
 */
export function registerAlerts(
  app: FastifyInstance,
  kit: NewsroomKit,
  deps: {
    alerts: AlertRepository;
    published(change: { articleIds: readonly number[]; reason: string }): void;
  },
) {
  const actions = createAlertActions(deps);
  kit.nav.push({ href: "/newsroom/alerts", label: "Alerts", access: "editor" });
  const access = { access: "editor" } as const;
  const blank: Typed = { headline: "", url: "", minutes: String(ALERT_MINUTES_DEFAULT) };

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    error: { message: string; field: string | null } | null = null,
    typed: Typed = blank,
    status = 200,
  ) {
    const query = request.query as { done?: string };
    return kit.send(
      reply,
      <AlertsPage
        ctx={kit.ctx(request)}
        alerts={await actions.recent(30)}
        notice={error ? null : (NOTICES[query.done ?? ""] ?? null)}
        error={error}
        typed={typed}
        now={new Date()}
      />,
      status,
    );
  }

  app.get("/newsroom/alerts", { config: access }, (request, reply) => show(request, reply));

  app.post("/newsroom/alerts", { config: access }, async (request, reply) => {
    const fields = bodyFields(request.body);
    const typed: Typed = {
      headline: typeof fields.headline === "string" ? fields.headline.slice(0, 500) : "",
      url: typeof fields.url === "string" ? fields.url.slice(0, ALERT_URL_MAX + 100) : "",
      minutes: typeof fields.minutes === "string" ? fields.minutes.slice(0, 10) : "",
    };
    try {
      await actions.send(actorOf(kit, request), fields);
    } catch (error) {
      if (isAppError(error) && error.status === 400) {
        const field = typeof error.context.field === "string" ? error.context.field : null;
        return show(request, reply, { message: error.message, field }, typed, 400);
      }
      throw error;
    }
    return reply.redirect("/newsroom/alerts?done=sent", 303);
  });

  app.post("/newsroom/alerts/:id/withdraw", { config: access }, async (request, reply) => {
    const id = parseId((request.params as { id?: string }).id, "alert");
    try {
      await actions.withdraw(actorOf(kit, request), id);
    } catch (error) {
      if (isAppError(error) && error.status === 409) {
        return show(request, reply, { message: error.message, field: null }, blank, 409);
      }
      throw error;
    }
    return reply.redirect("/newsroom/alerts?done=withdrawn", 303);
  });

  const out = (alert: BreakingAlert) => ({ alert: { ...alert, state: alertState(alert) } });

  app.post(
    "/api/v1/alerts",
    {
      schema: { body: AlertBody },
      attachValidation: true,
      config: {
        ...access,
        openapi: {
          summary: "Send a breaking alert",
          description:
            "Shown on every reader page except the article it links to, until it expires or is withdrawn. Answers 201 with the alert.",
          tags: ["alerts"],
          response: alertJson,
        },
      },
    },
    async (request, reply) => {
      refuseInvalid(request);
      const alert = await actions.send(actorOf(kit, request), bodyFields(request.body));
      return reply.code(201).header("cache-control", "no-store").send(out(alert));
    },
  );

  app.delete(
    "/api/v1/alerts/:id",
    {
      schema: { params: AlertParams },
      attachValidation: true,
      config: {
        ...access,
        openapi: {
          summary: "Withdraw a breaking alert",
          description: "Takes it off every reader page now; 409 if it was already withdrawn.",
          tags: ["alerts"],
          response: alertJson,
        },
      },
    },
    async (request, reply) => {
      refuseInvalid(request);
      const id = parseId((request.params as { id: string }).id, "alert");
      const alert = await actions.withdraw(actorOf(kit, request), id);
      return reply.header("cache-control", "no-store").send(out(alert));
    },
  );
}
