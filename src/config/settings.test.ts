import assert from "node:assert/strict";
import { test } from "node:test";
import { isAppError } from "../domain/errors.ts";
import { loadConfig, redactedConfig } from "./settings.ts";

test("SECRET_KEY is hidden whole in the redacted dump, even when it parses as a URL", () => {
  for (const key of ["mailto:0123456789abcdef0123456789abcdef", "f".repeat(64)]) {
    const shown = redactedConfig(loadConfig({ SECRET_KEY: key }));
    assert.equal(shown.SECRET_KEY, "****");
  }
  assert.equal(redactedConfig(loadConfig({})).SECRET_KEY, "", "unset shows as unset");
});

test("DATABASE_URL keeps scheme and host, never the password", () => {
  const shown = redactedConfig(
    loadConfig({ DATABASE_URL: "postgres://news:hunter2@db:5432/news" }),
  );
  assert.equal(shown.DATABASE_URL, "postgres://news:****@db:5432/news");
});

test("a short SECRET_KEY is refused without echoing it", () => {
  assert.throws(
    () => loadConfig({ SECRET_KEY: "tooshort" }),
    (error) =>
      isAppError(error) &&
      error.code === "config_invalid" &&
      !error.message.includes("tooshort") &&
      error.message.includes("SECRET_KEY"),
  );
});

test("image proxy settings: defaults and bounds", () => {
  const config = loadConfig({});
  assert.equal(config.IMAGE_CACHE_MAX_MB, 512);
  assert.equal(config.IMAGE_MAX_BYTES, 8 * 1024 * 1024);
  assert.throws(() => loadConfig({ IMAGE_CACHE_MAX_MB: "0" }));
  assert.throws(() => loadConfig({ IMAGE_MAX_BYTES: "12" }));
});

test("VAPID_SUBJECT: SITE_URL when it is public https, else a mailbox at its host; others refused", () => {
  assert.equal(
    loadConfig({ SITE_URL: "https://news.example.org" }).VAPID_SUBJECT,
    "https://news.example.org",
  );
  assert.equal(
    loadConfig({ SITE_URL: "http://127.0.0.1:3000" }).VAPID_SUBJECT,
    "mailto:webmaster@127.0.0.1",
  );
  assert.equal(
    loadConfig({ SITE_URL: "https://localhost:8443" }).VAPID_SUBJECT,
    "mailto:webmaster@localhost",
  );
  assert.equal(
    loadConfig({ VAPID_SUBJECT: "mailto:desk@example.org" }).VAPID_SUBJECT,
    "mailto:desk@example.org",
  );
  for (const bad of ["http://example.org", "mailto:nobody", "desk@example.org"]) {
    assert.throws(() => loadConfig({ VAPID_SUBJECT: bad }), /VAPID_SUBJECT/);
  }
  assert.throws(() => loadConfig({ VAPID_PRIVATE_KEY: "short" }), /VAPID_PRIVATE_KEY=<redacted>/);
});
