/**
 * Every log event name in one place, so logs can be searched and dashboards do not break
 * silently when a message is reworded. Log as `logger.info({ event: LOG.x, ... }, text)`.
 */
export const LOG = {
  serverListening: "server.listening",
  serverStopping: "server.stopping",
  serverStopped: "server.stopped",
  requestFailed: "request.failed",
  migrationsApplied: "db.migrations_applied",
  importDone: "import.done",
  importFailed: "import.failed",
  ingestDone: "ingest.done",
  ingestFailed: "ingest.failed",
  demoWireStarted: "demo.wire_started",
  enrichDone: "enrich.done",
  websubVerified: "websub.verified",
  websubDenied: "websub.denied",
  websubRefused: "websub.delivery_refused",
  websubDeliveryFailed: "websub.delivery_failed",
  websubFailed: "websub.request_failed",
  enrichFailed: "enrich.failed",
  enricherStarted: "enrich.enricher_started",
  enricherElsewhere: "enrich.enricher_elsewhere",
  enricherLeaseLost: "enrich.enricher_lease_lost",
  roleStarted: "server.role_started",
  imageFailed: "image.failed",
  imageCacheSwept: "image.cache_swept",
  secretKeyGenerated: "secret_key.generated",
  newsroomSetup: "newsroom.setup_token",
  signInFailed: "newsroom.sign_in_failed",
} as const;
