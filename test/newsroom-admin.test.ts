import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { User } from "../src/domain/user.ts";
import { hashSecret } from "../src/newsroom/session-auth.ts";
import { forEachDatabase } from "./support/databases.ts";
import { createUser, NewsroomClient, TEST_PASSWORD } from "./support/newsroom.ts";
import { type RunningServer, startServer } from "./support/server.ts";

const NEW_PASSWORD = "a long walk by the quiet river 7";

forEachDatabase("newsroom people, API tokens and audit log", ({ database }) => {
  let server: RunningServer;
  let admin: User;
  let chief: NewsroomClient;
  before(async () => {
    server = await startServer(database(), { LOGIN_ATTEMPTS: "100" });
    admin = await createUser(server.dispatch, "admin", "chief@example.org");
    chief = new NewsroomClient(server.base, "127.0.0.31");
    assert.equal((await chief.signIn(admin.email)).status, 303);
  });
  after(async () => {
    await server?.stop();
  });

  test("an admin adds someone; bad addresses, names and passwords are refused by name and nothing is made", async () => {
    await chief.get("/newsroom/people");
    const cases: [Record<string, string>, RegExp][] = [
      [
        { email: "not-an-address", name: "Kim", role: "reporter", password: NEW_PASSWORD },
        /is not an e-mail address/,
      ],
      [
        { email: "kim@example.org", name: "", role: "reporter", password: NEW_PASSWORD },
        /Give the person's name/,
      ],
      [
        { email: "kim@example.org", name: "Kim", role: "boss", password: NEW_PASSWORD },
        /Choose a role/,
      ],
      [
        { email: "kim@example.org", name: "Kim", role: "reporter", password: "short" },
        /at least 12 characters/,
      ],
      [
        { email: "kim@example.org", name: "Kim", role: "reporter", password: "password1234" },
        /common passwords/,
      ],
      [
        { email: "CHIEF@example.org", name: "Kim", role: "reporter", password: NEW_PASSWORD },
        /already has an account/,
      ],
    ];
    for (const [form, message] of cases) {
      const answer = await chief.post("/newsroom/people", form);
      assert.equal(answer.status, 400, JSON.stringify(form));
      assert.match(answer.body, message);
    }
    assert.equal(await server.dispatch.users.byEmail("kim@example.org"), null);

    const made = await chief.post("/newsroom/people", {
      email: "Kim@Example.org",
      name: "Kim <b>Lee</b>",
      role: "reporter",
      password: NEW_PASSWORD,
    });
    assert.equal(made.status, 303);
    const list = await chief.get("/newsroom/people");
    assert.match(list.body, /Kim &lt;b>Lee&lt;\/b>/, "names are text");
    const kim = new NewsroomClient(server.base, "127.0.0.32");
    assert.equal((await kim.signIn("kim@example.org", NEW_PASSWORD)).status, 303);
    assert.equal((await kim.get("/newsroom/people")).status, 403, "a reporter has no people page");
  });

  test("role, disable and a new password: sessions end where they must, the last admin stays", async () => {
    const user = await createUser(server.dispatch, "reporter", "sam@example.org");
    const sam = new NewsroomClient(server.base, "127.0.0.33");
    assert.equal((await sam.signIn(user.email)).status, 303);
    await chief.get("/newsroom/people");

    assert.equal(
      (await chief.post(`/newsroom/people/${user.id}/role`, { role: "editor" })).status,
      303,
    );
    assert.equal((await server.dispatch.users.byId(user.id))?.role, "editor");
    assert.equal((await sam.get("/newsroom/front")).status, 200, "the new role applies at once");

    const weak = await chief.post(`/newsroom/people/${user.id}/password`, {
      password: "aaaaaaaaaaaaaaaa",
    });
    assert.equal(weak.status, 400);
    assert.equal((await sam.get("/newsroom")).status, 200, "a refused password changes nothing");
    await chief.get("/newsroom/people");
    assert.equal(
      (await chief.post(`/newsroom/people/${user.id}/password`, { password: NEW_PASSWORD })).status,
      303,
    );
    assert.equal((await sam.get("/newsroom")).status, 303, "the old session ended");
    assert.equal((await sam.signIn(user.email, TEST_PASSWORD)).status, 401);
    assert.equal((await sam.signIn(user.email, NEW_PASSWORD)).status, 303);

    await chief.get("/newsroom/people");
    assert.equal((await chief.post(`/newsroom/people/${user.id}/disable`)).status, 303);
    assert.equal((await sam.get("/newsroom")).status, 303, "disabled: signed out everywhere");
    assert.equal((await sam.signIn(user.email, NEW_PASSWORD)).status, 401);
    await chief.get("/newsroom/people");
    assert.equal((await chief.post(`/newsroom/people/${user.id}/enable`)).status, 303);
    assert.equal((await sam.signIn(user.email, NEW_PASSWORD)).status, 303);

    // The only admin can be neither demoted nor disabled, from the page as from the CLI.
    await chief.get("/newsroom/people");
    const demote = await chief.post(`/newsroom/people/${admin.id}/role`, { role: "editor" });
    assert.equal(demote.status, 409);
    assert.match(demote.body, /last active admin/);
    await chief.get("/newsroom/people");
    assert.equal((await chief.post(`/newsroom/people/${admin.id}/disable`)).status, 409);
    assert.equal((await server.dispatch.users.byId(admin.id))?.role, "admin");
    assert.equal((await chief.post("/newsroom/people/999999/disable")).status, 404);
  });

  test("API tokens: shown once, stored hashed, scoped, revocable", async () => {
    await chief.get("/newsroom/tokens");
    assert.equal((await chief.post("/newsroom/tokens", { name: "", role: "editor" })).status, 400);
    assert.match(
      (await chief.post("/newsroom/tokens", { name: "x", role: "root" })).body,
      /Choose a role/,
    );
    const made = await chief.post("/newsroom/tokens", { name: "wire importer", role: "editor" });
    assert.equal(made.status, 201);
    const secret = /id="new-token"[^>]*value="(dsp_[A-Za-z0-9_-]+)"/.exec(made.body)?.[1];
    assert.ok(secret, "the secret is on the page that made it");
    const dupe = await chief.post("/newsroom/tokens", { name: "wire importer", role: "editor" });
    assert.match(dupe.body, /already called/);

    const again = await chief.get("/newsroom/tokens");
    assert.ok(!again.body.includes(secret), "never shown again");
    assert.match(again.body, /wire importer/);
    const rows = await database().db.selectFrom("api_tokens").select(["token_hash"]).execute();
    assert.ok(rows.every((r) => r.token_hash !== secret));
    const token = await server.dispatch.tokens.use(hashSecret(secret), new Date());
    assert.equal(token?.role, "editor");
    assert.ok(token?.lastUsedAt, "use is recorded");

    await chief.get("/newsroom/tokens");
    assert.equal((await chief.post(`/newsroom/tokens/${token?.id}/revoke`)).status, 303);
    assert.equal(await server.dispatch.tokens.use(hashSecret(secret), new Date()), null);
  });

  test("the audit log: every change above, who and what, filterable, paged, editors only", async () => {
    const all = await chief.get("/newsroom/audit");
    assert.equal(all.status, 200);
    for (const action of [
      "user.create",
      "user.role",
      "user.password",
      "user.disable",
      "token.create",
      "token.revoke",
    ]) {
      assert.match(all.body, new RegExp(`<code>${action.replace(".", "\\.")}</code>`), action);
    }
    assert.match(all.body, /chief@example\.org/);
    const tokens = await chief.get("/newsroom/audit?action=token.");
    assert.match(tokens.body, /token\.create/);
    assert.doesNotMatch(tokens.body, /<code>user\./);
    const exact = await chief.get("/newsroom/audit?action=user.role");
    assert.doesNotMatch(exact.body, /<code>user\.create/);
    const sam = await server.dispatch.users.byEmail("sam@example.org");
    const onSam = await chief.get(`/newsroom/audit?target=user:${sam?.id}`);
    assert.match(onSam.body, /sam@example\.org/);
    assert.doesNotMatch(onSam.body, /kim@example\.org/);
    assert.match(onSam.body, /Before and after/);
    assert.match(onSam.body, /<del>&quot;reporter&quot;<\/del> → <ins>&quot;editor&quot;<\/ins>/);
    assert.equal((await chief.get("/newsroom/audit?before=abc")).status, 400);
    const none = await chief.get("/newsroom/audit?actor=nobody@example.org");
    assert.match(none.body, /No change matches/);

    for (let i = 0; i < 55; i++) {
      await server.dispatch.audits.record({
        actorId: null,
        actor: "system",
        action: "test.page",
        targetType: "test",
        targetId: String(i),
        summary: `entry ${i}`,
        before: null,
        after: null,
      });
    }
    const first = await chief.get("/newsroom/audit?action=test.page");
    const older = /href="(\/newsroom\/audit\?[^"]*before=\d+)"/.exec(first.body)?.[1];
    assert.ok(older, "a link to older changes");
    const second = await chief.get(older.replaceAll("&amp;", "&"));
    assert.match(second.body, /entry 0</);
    assert.doesNotMatch(second.body, /entry 54</);
    assert.doesNotMatch(first.body, /entry 4</);

    const reporter = await createUser(server.dispatch, "reporter");
    const client = new NewsroomClient(server.base, "127.0.0.34");
    await client.signIn(reporter.email);
    assert.equal((await client.get("/newsroom/audit")).status, 403);
  });
});
