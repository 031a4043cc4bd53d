import type { Selectable } from "kysely";
import type { PushSubscriptionRecord } from "../domain/web-push.ts";
import type { PushSubscriptionStore } from "../live/push-subscription-store.ts";
import type { Database } from "./connection.ts";
import { toIso, toIsoOrNull } from "./rows.ts";
import type { PushSubscriptionsTable } from "./schema.ts";

export type PushSubscriptionRepository = PushSubscriptionStore;

// A reason is for the operator's eye; a push service's error page need not be kept whole.
const ERROR_MAX = 300;

function fromRow(row: Selectable<PushSubscriptionsTable>): PushSubscriptionRecord {
  return {
    id: Number(row.id),
    endpoint: row.endpoint,
    p256dh: row.p256dh,
    auth: row.auth,
    createdAt: toIso(row.created_at),
    lastSentAt: toIsoOrNull(row.last_sent_at),
    failures: Number(row.failures),
  };
}

/** Readers' Web Push subscriptions (migration 017), on either engine. */
export function createPushSubscriptionRepository(database: Database): PushSubscriptionRepository {
  const { db } = database;
  return {
    async add(input, now = new Date()) {
      const row = await db
        .insertInto("push_subscriptions")
        .values({
          endpoint: input.endpoint,
          p256dh: input.p256dh,
          auth: input.auth,
          created_at: now.toISOString(),
          last_sent_at: null,
        })
        // A browser that subscribes again (new keys after a reinstall) keeps one row.
        .onConflict((oc) =>
          oc
            .column("endpoint")
            .doUpdateSet({ p256dh: input.p256dh, auth: input.auth, failures: 0, last_error: null }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return fromRow(row);
    },

    async remove(endpoint) {
      const result = await db
        .deleteFrom("push_subscriptions")
        .where("endpoint", "=", endpoint)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async page(afterId, limit) {
      const rows = await db
        .selectFrom("push_subscriptions")
        .selectAll()
        .where("id", ">", afterId)
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },

    async sent(ids, now = new Date()) {
      if (ids.length === 0) return;
      await db
        .updateTable("push_subscriptions")
        .set({ last_sent_at: now.toISOString(), failures: 0, last_error: null })
        .where("id", "in", [...ids])
        .execute();
    },

    async failed(id, error) {
      const row = await db
        .updateTable("push_subscriptions")
        .set((eb) => ({ failures: eb("failures", "+", 1), last_error: error.slice(0, ERROR_MAX) }))
        .where("id", "=", id)
        .returning("failures")
        .executeTakeFirst();
      return row ? Number(row.failures) : 0;
    },

    async prune(ids) {
      if (ids.length === 0) return 0;
      const result = await db
        .deleteFrom("push_subscriptions")
        .where("id", "in", [...ids])
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async count() {
      const row = await db
        .selectFrom("push_subscriptions")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
