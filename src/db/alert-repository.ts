import type { Selectable } from "kysely";
import type { BreakingAlert } from "../domain/alert.ts";
import type { Database } from "./connection.ts";
import { appendEvents } from "./live-events.ts";
import { toIso, toIsoOrNull } from "./rows.ts";
import type { AlertsTable } from "./schema.ts";

export interface NewAlert {
  headline: string;
  url: string;
  expiresAt: Date;
  createdBy: number | null;
}

export interface AlertRepository {
  send(input: NewAlert, now?: Date): Promise<BreakingAlert>;
  /** Ends an alert now; null when there is no such alert or it had already been withdrawn. */
  withdraw(id: number, now?: Date): Promise<BreakingAlert | null>;
  byId(id: number): Promise<BreakingAlert | null>;
  /** What readers see at `now`: the newest alert neither withdrawn nor expired. */
  current(now?: Date): Promise<BreakingAlert | null>;
  /** The newest alerts, live or not, for the newsroom. */
  recent(limit: number): Promise<BreakingAlert[]>;
}

function alertFromRow(r: Selectable<AlertsTable>): BreakingAlert {
  return {
    id: Number(r.id),
    headline: r.headline,
    url: r.url,
    createdAt: toIso(r.created_at),
    expiresAt: toIso(r.expires_at),
    withdrawnAt: toIsoOrNull(r.withdrawn_at),
    createdBy: r.created_by === null ? null : Number(r.created_by),
  };
}

export function createAlertRepository(database: Database): AlertRepository {
  const { db } = database;
  const byId = async (id: number) => {
    const row = await db.selectFrom("alerts").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? alertFromRow(row) : null;
  };
  return {
    async send(input, now = new Date()) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto("alerts")
          .values({
            headline: input.headline,
            url: input.url,
            created_at: now.toISOString(),
            expires_at: input.expiresAt.toISOString(),
            withdrawn_at: null,
            created_by: input.createdBy,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const alert = alertFromRow(row);
        const payload = {
          alertId: alert.id,
          headline: alert.headline,
          url: alert.url,
          expiresAt: alert.expiresAt,
        };
        await appendEvents(
          trx,
          database.dialect,
          [{ channel: "breaking", type: "alert.sent", payload }],
          now,
        );
        return alert;
      });
    },
    async withdraw(id, now = new Date()) {
      const withdrawn = await db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable("alerts")
          .set({ withdrawn_at: now.toISOString() })
          .where("id", "=", id)
          .where("withdrawn_at", "is", null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        const payload = { alertId: id };
        await appendEvents(
          trx,
          database.dialect,
          [{ channel: "breaking", type: "alert.withdrawn", payload }],
          now,
        );
        return true;
      });
      return withdrawn ? byId(id) : null;
    },
    byId,
    async current(now = new Date()) {
      // Live alerts are few and recent: the expiry index finds them without a scan.
      const row = await db
        .selectFrom("alerts")
        .selectAll()
        .where("expires_at", ">", now.toISOString())
        .where("withdrawn_at", "is", null)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      return row ? alertFromRow(row) : null;
    },
    async recent(limit) {
      const rows = await db
        .selectFrom("alerts")
        .selectAll()
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.map(alertFromRow);
    },
  };
}
