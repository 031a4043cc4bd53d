import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { issueSetupToken } from "../src/newsroom/setup-token.ts";
import { forEachDatabase } from "./support/databases.ts";
import { createUser, NewsroomClient, TEST_PASSWORD } from "./support/newsroom.ts";
import { type RunningServer, startServer } from "./support/server.ts";

const NEW_PASSWORD = "a long and unusual passphrase 7";

forEachDatabase("newsroom accounts and sessions", ({ database }) => {
  let server: RunningServer;
  before(async () => {
    server = await startServer(database(), { LOGIN_ATTEMPTS: "5" });
  });
  after(async () => {
    await server.stop();
  });

  test("no account exists at first; the newsroom sends a visitor to sign in", async () => {
    assert.equal((await server.dispatch.users.list()).length, 0);
    const client = new NewsroomClient(server.base);
    const answer = await client.get("/newsroom");
    assert.equal(answer.status, 303);
    assert.equal(answer.location, "/newsroom/login?next=%2Fnewsroom");
    const login = await client.get(answer.location ?? "");
    assert.equal(login.status, 200);
    assert.match(login.body, /name="_csrf"/);
    assert.equal(login.headers["cache-control"], "no-store");
  });

  test("setup: the printed token creates the first admin once, and never again", async () => {
    const token = await issueSetupToken(server.dispatch.users);
    assert.ok(token);
    const client = new NewsroomClient(server.base);
    assert.equal((await client.get("/newsroom/setup?token=not-the-token-at-all-xx")).status, 403);
    const form = await client.get(`/newsroom/setup?token=${token}`);
    assert.equal(form.status, 200);
    const fields = { token, email: "Chief@Example.org", name: "Chief Editor" };
    const short = await client.post("/newsroom/setup", {
      ...fields,
      password: "short",
      confirm: "short",
    });
    assert.equal(short.status, 400);
    assert.match(short.body, /at least 12 characters/);
    const common = await client.post("/newsroom/setup", {
      ...fields,
      password: "password1234",
      confirm: "password1234",
    });
    assert.match(common.body, /common passwords/);
    const made = await client.post("/newsroom/setup", {
      ...fields,
      password: TEST_PASSWORD,
      confirm: TEST_PASSWORD,
    });
    assert.equal(made.status, 303, made.body);
    assert.equal(made.location, "/newsroom");
    const desk = await client.get("/newsroom");
    assert.equal(desk.status, 200);
    assert.match(desk.body, /Chief Editor/);
    const [admin] = await server.dispatch.users.list();
    assert.equal(admin?.email, "chief@example.org");
    assert.equal(admin?.role, "admin");
    // The token is spent, and with an admin in place no token works.
    const again = await new NewsroomClient(server.base).get(`/newsroom/setup?token=${token}`);
    assert.equal(again.status, 410);
    assert.equal(await issueSetupToken(server.dispatch.users), null);
    const audit = await server.dispatch.audits.list({ action: "user.create" });
    assert.equal(audit[0]?.actor, "chief@example.org");
  });

  test("sign-in: a new session id each time; a wrong password and an unknown address get the same answer", async () => {
    const user = await createUser(server.dispatch, "editor");
    const client = new NewsroomClient(server.base, "127.0.0.4");
    const wrong = await client.signIn(user.email, "not the password at all");
    const unknown = await client.signIn("nobody@example.org", "not the password at all");
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    const message = (body: string) => /<p class="nr-error"[^>]*>([^<]+)</.exec(body)?.[1];
    assert.equal(message(wrong.body), "Wrong e-mail address or password.");
    assert.equal(message(unknown.body), message(wrong.body));

    const first = await client.signIn(user.email);
    assert.equal(first.status, 303);
    const cookie = String(first.headers["set-cookie"]);
    assert.match(cookie, /dispatch_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/, "plain http: no Secure flag");
    const firstId = client.cookies.get("dispatch_session");
    await client.get("/newsroom");
    await client.post("/newsroom/logout");
    // A session id planted before sign-in (fixation) is never the one that signs in.
    client.cookies.set("dispatch_session", "planted-by-someone-else-0123456789");
    await client.signIn(user.email);
    const secondId = client.cookies.get("dispatch_session");
    assert.notEqual(secondId, firstId);
    assert.notEqual(secondId, "planted-by-someone-else-0123456789");
    const stale = new NewsroomClient(server.base);
    stale.cookies.set("dispatch_session", firstId ?? "");
    assert.equal((await stale.get("/newsroom")).status, 303);
    assert.equal((await client.get("/newsroom")).status, 200);
  });

  test("the sixth quick wrong password from one address gets 429; another address still signs in", async () => {
    const user = await createUser(server.dispatch, "reporter");
    const attacker = new NewsroomClient(server.base, "127.0.0.2");
    for (let i = 0; i < 5; i++) {
      assert.equal((await attacker.signIn(user.email, `wrong password ${i} here`)).status, 401);
    }
    const sixth = await attacker.signIn(user.email, "wrong password 6 here");
    assert.equal(sixth.status, 429);
    assert.ok(Number(sixth.headers["retry-after"]) > 0);
    // Even the right password waits: the limit is on the address, not on guesses being wrong.
    assert.equal((await attacker.signIn(user.email)).status, 429);
    const colleague = new NewsroomClient(server.base, "127.0.0.3");
    assert.equal((await colleague.signIn(user.email)).status, 303);
  });

  test("a form without its CSRF token, with another session's, or from another origin gets 403", async () => {
    const user = await createUser(server.dispatch, "reporter");
    const client = new NewsroomClient(server.base, "127.0.0.5");
    await client.signIn(user.email);
    await client.get("/newsroom/account");
    const none = await client.request("POST", "/newsroom/account/logout-everywhere", { form: {} });
    assert.equal(none.status, 403);
    assert.match(none.body, /expired or did not come from this site/);
    const other = new NewsroomClient(server.base, "127.0.0.5");
    await other.signIn(user.email);
    await other.get("/newsroom/account");
    const foreign = await client.request("POST", "/newsroom/account/logout-everywhere", {
      form: { _csrf: other.lastCsrf ?? "" },
    });
    assert.equal(foreign.status, 403);
    const crossSite = await client.request("POST", "/newsroom/account/logout-everywhere", {
      form: { _csrf: client.lastCsrf ?? "" },
      headers: { origin: "https://evil.example" },
    });
    assert.equal(crossSite.status, 403);
    // The sign-in form is covered too, before any session exists.
    const anonymous = new NewsroomClient(server.base, "127.0.0.5");
    const login = await anonymous.request("POST", "/newsroom/login", {
      form: { email: user.email, password: TEST_PASSWORD },
    });
    assert.equal(login.status, 403);
    assert.equal((await client.get("/newsroom")).status, 200, "nothing was changed");
  });

  test("sign out ends the session on the server; sign out everywhere ends all of them", async () => {
    const user = await createUser(server.dispatch, "editor");
    const phone = new NewsroomClient(server.base);
    const laptop = new NewsroomClient(server.base);
    await phone.signIn(user.email);
    await laptop.signIn(user.email);
    const kept = phone.cookies.get("dispatch_session") ?? "";
    await phone.get("/newsroom");
    assert.equal((await phone.post("/newsroom/logout")).status, 303);
    const replay = new NewsroomClient(server.base);
    replay.cookies.set("dispatch_session", kept);
    assert.equal((await replay.get("/newsroom")).status, 303, "a copied cookie is dead too");

    await phone.signIn(user.email);
    await laptop.get("/newsroom/account");
    assert.equal((await laptop.post("/newsroom/account/logout-everywhere")).status, 303);
    assert.equal((await phone.get("/newsroom")).status, 303);
    assert.equal((await laptop.get("/newsroom")).status, 303);
  });

  test("idle and absolute timeouts, and a disabled account, end a session", async () => {
    const user = await createUser(server.dispatch, "reporter");
    const { db } = database();
    const client = new NewsroomClient(server.base);
    await client.signIn(user.email);
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    await db
      .updateTable("sessions")
      .set({ last_seen_at: ago(121) })
      .where("user_id", "=", user.id)
      .execute();
    assert.equal((await client.get("/newsroom")).status, 303, "idle past 120 minutes");

    await client.signIn(user.email);
    await db
      .updateTable("sessions")
      .set({ expires_at: ago(1) })
      .where("user_id", "=", user.id)
      .execute();
    assert.equal((await client.get("/newsroom")).status, 303, "past the absolute limit");

    await client.signIn(user.email);
    assert.equal((await client.get("/newsroom")).status, 200);
    await server.dispatch.users.setDisabled(user.id, new Date());
    assert.equal((await client.get("/newsroom")).status, 303, "disabled");
    assert.equal((await client.signIn(user.email)).status, 401, "and cannot sign in again");
  });

  test("a changed password ends the other sessions and keeps this one", async () => {
    const user = await createUser(server.dispatch, "reporter");
    const here = new NewsroomClient(server.base);
    const there = new NewsroomClient(server.base);
    await here.signIn(user.email);
    await there.signIn(user.email);
    await here.get("/newsroom/account");
    const wrongCurrent = await here.post("/newsroom/account/password", {
      current: "not my password at all",
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    assert.match(wrongCurrent.body, /current password is wrong/);
    const changed = await here.post("/newsroom/account/password", {
      current: TEST_PASSWORD,
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    assert.equal(changed.status, 303);
    assert.equal((await here.get("/newsroom")).status, 200);
    assert.equal((await there.get("/newsroom")).status, 303);
    assert.equal(
      (await new NewsroomClient(server.base).signIn(user.email, NEW_PASSWORD)).status,
      303,
    );
  });

  test("the audit log refuses updates and deletes, below the product too", async () => {
    const { db } = database();
    const before = await server.dispatch.audits.list();
    assert.ok(before.length > 0);
    await assert.rejects(
      sql`UPDATE audit_log SET actor = 'someone else'`.execute(db),
      /append-only/,
    );
    await assert.rejects(sql`DELETE FROM audit_log`.execute(db), /append-only/);
    assert.equal((await server.dispatch.audits.list()).length, before.length);
  });
});

test("behind https the session cookie is Secure and host-only (__Host-)", async (t) => {
  const { freshSqlite } = await import("./support/databases.ts");
  const handle = await freshSqlite();
  const server = await startServer(handle.database, { SITE_URL: "https://news.example" });
  t.after(async () => {
    await server.stop();
    await handle.dispose();
  });
  const user = await createUser(server.dispatch, "editor");
  const client = new NewsroomClient(server.base);
  const login = await client.get("/newsroom/login");
  assert.match(
    String(login.headers["set-cookie"]),
    /^__Host-dispatch_csrf=[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Secure$/,
  );
  const answer = await client.request("POST", "/newsroom/login", {
    form: { _csrf: client.lastCsrf ?? "", email: user.email, password: TEST_PASSWORD },
    headers: { origin: "https://news.example" },
  });
  assert.equal(answer.status, 303);
  assert.match(
    String(answer.headers["set-cookie"]),
    /__Host-dispatch_session=[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Secure/,
  );
});
