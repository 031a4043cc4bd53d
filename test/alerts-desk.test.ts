import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import { articlePath } from "../src/domain/article-path.ts";
import type { User } from "../src/domain/user.ts";
import { hashSecret } from "../src/newsroom/session-auth.ts";
import { forEachDatabase } from "./support/databases.ts";
import { createUser, NewsroomClient } from "./support/newsroom.ts";
import { importSeed, type RunningServer, startServer } from "./support/server.ts";

const home = async (base: string) => (await fetch(`${base}/`)).text();

forEachDatabase("breaking alerts desk and API", ({ database }) => {
  let server: RunningServer;
  let editor: User;
  let reporter: User;
  let path = "";
  before(async () => {
    path = articlePath(await importSeed(database())) ?? "";
    server = await startServer(database());
    editor = await createUser(server.dispatch, "editor");
    reporter = await createUser(server.dispatch, "reporter");
  });
  after(async () => {
    await server?.stop();
  });

  async function as(user: User): Promise<NewsroomClient> {
    const client = new NewsroomClient(server.base);
    assert.equal((await client.signIn(user.email)).status, 303);
    assert.equal((await client.get("/newsroom")).status, 200);
    return client;
  }

  test("an editor sends and withdraws an alert at the desk; bad input is refused with a message", async () => {
    const { dispatch, base } = server;
    const desk = await as(editor);
    const form = await desk.get("/newsroom/alerts");
    assert.equal(form.status, 200);
    assert.match(form.body, /name="minutes"[^>]*value="20"/, "20 minutes unless told");

    const refusals: [Record<string, string>, string, RegExp][] = [
      [{ headline: "", url: path, minutes: "20" }, "headline", /Give the alert a headline/],
      [
        { headline: "Quake", url: "javascript:alert(1)", minutes: "20" },
        "url",
        /may not be a javascript: address/,
      ],
      [{ headline: "Quake", url: "//evil.example/x", minutes: "20" }, "url", /one slash, not two/],
      [{ headline: "Quake", url: path, minutes: "0" }, "minutes", /from 1 to 1440/],
      [{ headline: "Quake", url: path, minutes: "1441" }, "minutes", /from 1 to 1440/],
      [{ headline: "Quake", url: path, minutes: "ten" }, "minutes", /from 1 to 1440/],
    ];
    for (const [fields, field, message] of refusals) {
      const answer = await desk.post("/newsroom/alerts", fields);
      assert.equal(answer.status, 400, JSON.stringify(fields));
      assert.match(answer.body, message);
      const id = { headline: "al-headline", url: "al-url", minutes: "al-minutes" }[field];
      assert.match(answer.body, new RegExp(`id="${id}"[^>]*aria-invalid="true"`), field);
    }
    assert.equal((await dispatch.alerts.recent(10)).length, 0, "nothing was sent");

    const sent = await desk.post("/newsroom/alerts", {
      headline: "<script>x</script> Earthquake hits the coast",
      url: "https://example.org/quake",
      minutes: "",
    });
    assert.equal(sent.status, 303);
    assert.equal(sent.location, "/newsroom/alerts?done=sent");
    const [alert] = await dispatch.alerts.recent(1);
    assert.ok(alert);
    const minutes = (Date.parse(alert.expiresAt) - Date.parse(alert.createdAt)) / 60_000;
    assert.equal(minutes, 20, "the default expiry");
    const page = await home(base);
    assert.match(page, /class="breaking"/);
    assert.match(page, /&lt;script>x&lt;\/script> Earthquake hits the coast/);

    const listed = await desk.get("/newsroom/alerts");
    assert.match(listed.body, /al-state-live">live</);
    assert.match(listed.body, new RegExp(`action="/newsroom/alerts/${alert.id}/withdraw"`));
    assert.equal((await desk.post(`/newsroom/alerts/${alert.id}/withdraw`)).status, 303);
    assert.doesNotMatch(await home(base), /Earthquake hits the coast/);
    const after = await desk.get("/newsroom/alerts");
    assert.match(after.body, /al-state-withdrawn">withdrawn</);
    assert.doesNotMatch(after.body, /\/withdraw"/, "nothing left to withdraw");
    const again = await desk.post(`/newsroom/alerts/${alert.id}/withdraw`);
    assert.equal(again.status, 409);
    assert.match(again.body, /already withdrawn/);

    // A short one runs out by itself and is listed as expired.
    await dispatch.alerts.send({
      headline: "Old news",
      url: path,
      expiresAt: new Date(Date.now() - 1_000),
      createdBy: editor.id,
    });
    assert.match((await desk.get("/newsroom/alerts")).body, /al-state-expired">expired</);

    const audited = (await dispatch.audits.list({ action: "alert.", limit: 10 })).map(
      (a) => a.action,
    );
    assert.deepEqual(audited.sort(), ["alert.send", "alert.withdraw"]);

    const other = await as(reporter);
    assert.equal((await other.get("/newsroom/alerts")).status, 403, "editors only");
  });

  test("the API sends and withdraws with an editor's token; a reporter's is refused", async () => {
    const { dispatch, base } = server;
    const token = randomBytes(24).toString("base64url");
    await dispatch.tokens.create({
      name: "desk-bot",
      tokenHash: hashSecret(token),
      role: "editor",
      createdBy: editor.id,
      now: new Date(),
    });
    const client = new NewsroomClient(base);
    const api = (method: string, url: string, json?: unknown, secret = token) =>
      client.request(method, url, {
        ...(json === undefined ? {} : { json }),
        headers: { authorization: `Bearer ${secret}` },
      });
    const error = (body: string) =>
      (JSON.parse(body) as { error: { code: string; message: string; field?: string } }).error;

    const badLink = await api("POST", "/api/v1/alerts", { headline: "Quake", url: "ftp://x/y" });
    assert.equal(badLink.status, 400);
    assert.equal(error(badLink.body).field, "url");
    assert.match(error(badLink.body).message, /ftp:/);
    const badExpiry = await api("POST", "/api/v1/alerts", {
      headline: "Quake",
      url: path,
      minutes: 5000,
    });
    assert.equal(badExpiry.status, 400);
    assert.equal(error(badExpiry.body).field, "minutes");
    const noHeadline = await api("POST", "/api/v1/alerts", { url: path });
    assert.equal(noHeadline.status, 400);
    assert.equal(error(noHeadline.body).field, "headline");

    const sent = await api("POST", "/api/v1/alerts", {
      headline: "Polls close",
      url: path,
      minutes: 5,
    });
    assert.equal(sent.status, 201, sent.body);
    const alert = (
      JSON.parse(sent.body) as {
        alert: { id: number; state: string; expiresAt: string; createdAt: string };
      }
    ).alert;
    assert.equal(alert.state, "live");
    assert.equal((Date.parse(alert.expiresAt) - Date.parse(alert.createdAt)) / 60_000, 5);
    assert.match(await home(base), /Polls close/);
    assert.doesNotMatch(
      await (await fetch(`${base}${path}`)).text(),
      /class="breaking"/,
      "not on its own article",
    );

    const reporterToken = randomBytes(24).toString("base64url");
    await dispatch.tokens.create({
      name: "reporter-bot",
      tokenHash: hashSecret(reporterToken),
      role: "reporter",
      createdBy: reporter.id,
      now: new Date(),
    });
    assert.equal(
      (await api("DELETE", `/api/v1/alerts/${alert.id}`, undefined, reporterToken)).status,
      403,
    );

    const withdrawn = await api("DELETE", `/api/v1/alerts/${alert.id}`);
    assert.equal(withdrawn.status, 200);
    assert.equal(
      (JSON.parse(withdrawn.body) as { alert: { state: string } }).alert.state,
      "withdrawn",
    );
    assert.doesNotMatch(await home(base), /Polls close/);
    assert.equal((await api("DELETE", `/api/v1/alerts/${alert.id}`)).status, 409);
    assert.equal((await api("DELETE", "/api/v1/alerts/987654")).status, 404);
    const audit = await dispatch.audits.list({ action: "alert.", actor: "token:desk-bot" });
    assert.equal(audit.length, 2);
  });
});
