import { sql } from "kysely";
import type { Database } from "./connection.ts";
import { toIso } from "./rows.ts";

/** Who holds a lease: enough for an operator to find the process. */
export interface LeaseHolder {
  holder: string;
  pid: number;
  host: string;
  role: string;
  acquiredAt: string;
  expiresAt: string;
}

export type LeaseAnswer = { acquired: true } | { acquired: false; heldBy: LeaseHolder };

export interface ProcessLeases {
  /**
   * Takes the lease `name` for `ttlMs`, or renews it when this holder has it already.
   * Refused while another holder's lease has not expired; the answer names that holder.
   */
  acquire(
    name: string,
    me: { holder: string; pid: number; host: string; role: string },
    now: Date,
    ttlMs: number,
  ): Promise<LeaseAnswer>;
  /** Gives the lease up at once, if this holder has it. */
  release(name: string, holder: string): Promise<void>;
}

export function createProcessLeases(database: Database): ProcessLeases {
  const { db } = database;
  return {
    async acquire(name, me, now, ttlMs) {
      const at = now.toISOString();
      const until = new Date(now.getTime() + ttlMs).toISOString();
      // One statement, so two processes starting at once cannot both win: the row is
      // taken over only when it has expired or is already ours.
      await db
        .insertInto("process_leases")
        .values({ name, ...me, acquired_at: at, expires_at: until })
        .onConflict((oc) =>
          oc
            .column("name")
            .doUpdateSet({
              holder: me.holder,
              pid: me.pid,
              host: me.host,
              role: me.role,
              acquired_at: sql`CASE WHEN process_leases.holder = ${me.holder} THEN process_leases.acquired_at ELSE ${at} END`,
              expires_at: until,
            })
            .where((eb) =>
              eb.or([
                eb("process_leases.holder", "=", me.holder),
                eb("process_leases.expires_at", "<", at),
              ]),
            ),
        )
        .execute();
      const row = await db
        .selectFrom("process_leases")
        .selectAll()
        .where("name", "=", name)
        .executeTakeFirstOrThrow();
      if (row.holder === me.holder) return { acquired: true };
      return {
        acquired: false,
        heldBy: {
          holder: row.holder,
          pid: row.pid,
          host: row.host,
          role: row.role,
          acquiredAt: toIso(row.acquired_at),
          expiresAt: toIso(row.expires_at),
        },
      };
    },
    async release(name, holder) {
      await db
        .deleteFrom("process_leases")
        .where("name", "=", name)
        .where("holder", "=", holder)
        .execute();
    },
  };
}
