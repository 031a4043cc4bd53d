import type { AlertRepository } from "../db/alert-repository.ts";
import {
  ALERT_HEADLINE_MAX,
  ALERT_MINUTES_DEFAULT,
  ALERT_MINUTES_MAX,
  alertIsLive,
  alertUrlProblem,
  type BreakingAlert,
} from "../domain/alert.ts";
import { AppError } from "../domain/errors.ts";
import type { Actor } from "./liveblog-actions.ts";

export const ALERT_MINUTES_MIN = 1;

export type AlertState = "live" | "expired" | "withdrawn";

export function alertState(alert: BreakingAlert, now = new Date()): AlertState {
  if (alert.withdrawnAt !== null) return "withdrawn";
  return alertIsLive(alert, now) ? "live" : "expired";
}

function bad(code: string, field: string, message: string): AppError {
  return new AppError(code, message, { status: 400, context: { field } });
}

/** Minutes from a form field ("20") or a JSON number; absent or empty is the default. */
function minutesOf(value: unknown): number {
  if (value === undefined || value === null || value === "") return ALERT_MINUTES_DEFAULT;
  const raw =
    typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  const n = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || n < ALERT_MINUTES_MIN || n > ALERT_MINUTES_MAX) {
    throw bad(
      "invalid_expiry",
      "minutes",
      `The alert must last a whole number of minutes from ${ALERT_MINUTES_MIN} to ${ALERT_MINUTES_MAX} (24 hours).`,
    );
  }
  return n;
}

/**
 * Breaking alerts, once for the desk and the API: headline, link and expiry checked with
 * a message naming the field, the change audited, then `published()` so every cached page
 * shows (or stops showing) the banner at once.
 */
export function createAlertActions(deps: {
  alerts: AlertRepository;
  published(change: { articleIds: readonly number[]; reason: string }): void;
}) {
  return {
    recent: (limit = 30) => deps.alerts.recent(limit),

    async send(actor: Actor, body: Record<string, unknown>, now = new Date()) {
      const rawHeadline = body.headline;
      if (rawHeadline !== undefined && typeof rawHeadline !== "string") {
        throw bad("invalid_field", "headline", "The headline must be text.");
      }
      const headline = (rawHeadline ?? "").replace(/\s+/g, " ").trim();
      if (headline === "") throw bad("field_required", "headline", "Give the alert a headline.");
      if (headline.length > ALERT_HEADLINE_MAX) {
        throw bad(
          "field_too_long",
          "headline",
          `The headline is longer than ${ALERT_HEADLINE_MAX} characters.`,
        );
      }
      const url = typeof body.url === "string" ? body.url.trim() : "";
      const problem = alertUrlProblem(url);
      if (problem) throw bad("invalid_link", "url", problem);
      const minutes = minutesOf(body.minutes);
      const alert = await deps.alerts.send(
        {
          headline,
          url,
          expiresAt: new Date(now.getTime() + minutes * 60_000),
          createdBy: actor.viewer.user.id,
        },
        now,
      );
      await actor.audit({
        action: "alert.send",
        targetType: "alert",
        targetId: String(alert.id),
        summary: `sent the alert "${headline}" for ${minutes} minutes`,
        before: null,
        after: alert,
      });
      deps.published({ articleIds: [], reason: "alert.send" });
      return alert;
    },

    async withdraw(actor: Actor, id: number) {
      const before = await deps.alerts.byId(id);
      if (!before) throw new AppError("not_found", `no alert #${id}`, { status: 404 });
      const after = await deps.alerts.withdraw(id);
      if (!after) {
        throw new AppError("already_withdrawn", "That alert was already withdrawn.", {
          status: 409,
        });
      }
      await actor.audit({
        action: "alert.withdraw",
        targetType: "alert",
        targetId: String(id),
        summary: `withdrew the alert "${before.headline}"`,
        before,
        after,
      });
      deps.published({ articleIds: [], reason: "alert.withdraw" });
      return after;
    },
  };
}

export type AlertActions = ReturnType<typeof createAlertActions>;
