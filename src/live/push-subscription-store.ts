import type { PushSubscriptionInput, PushSubscriptionRecord } from "../domain/web-push.ts";

/**
 * The storage Web Push needs (db/push-subscription-repository.ts implements it), declared
 * here so the routes and the sender never import the database.
 */
export interface PushSubscriptionStore {
  /** Stores a subscription; the same endpoint again replaces its keys and clears its failures. */
  add(input: PushSubscriptionInput, now?: Date): Promise<PushSubscriptionRecord>;
  /** True when there was such an endpoint. */
  remove(endpoint: string): Promise<boolean>;
  /** Subscriptions with an id above `afterId`, ascending, at most `limit`: a keyset page. */
  page(afterId: number, limit: number): Promise<PushSubscriptionRecord[]>;
  /** Pushed successfully: the time is kept and the failure count starts again. */
  sent(ids: readonly number[], now?: Date): Promise<void>;
  /** One more failed send in a row; answers the new count. */
  failed(id: number, error: string): Promise<number>;
  /** Removes these subscriptions (gone at their push service, or failing for good). */
  prune(ids: readonly number[]): Promise<number>;
  count(): Promise<number>;
}
