import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { accessAllows, NEWSROOM_ROLES, type NewsroomRole, type User } from "../src/domain/user.ts";
import { isGuarded } from "../src/newsroom/access.ts";
import { forEachDatabase } from "./support/databases.ts";
import { type Answer, createUser, NewsroomClient } from "./support/newsroom.ts";
import { importSeed, type RunningServer, startServer } from "./support/server.ts";

/**
 * The role-by-route matrix: every guarded route the app has (read from the app, so routes
 * added later are walked too), with every role and with no session.
 */
forEachDatabase("newsroom role-by-route matrix", ({ database }) => {
  let server: RunningServer;
  const users = new Map<NewsroomRole, User>();
  const ids: Record<string, string> = {};
  before(async () => {
    // Routes like POST /newsroom/login answer 401 to an empty form: no lockout mid-walk.
    server = await startServer(database(), { LOGIN_ATTEMPTS: "1000" });
    for (const role of NEWSROOM_ROLES) users.set(role, await createUser(server.dispatch, role));
    // Objects for path parameters; a victim account, so no walker disables itself.
    const victim = await createUser(server.dispatch, "reporter");
    const article = await importSeed(database());
    ids.people = ids.users = String(victim.id);
    ids.articles = ids.drafts = ids.desk = ids.wire = String(article.id);
  });
  after(async () => {
    await server?.stop();
  });

  function concrete(url: string): string {
    const parts = url.split("/");
    return parts
      .map((part, i) => {
        if (part === "*") return "x";
        if (!part.startsWith(":")) return part;
        return ids[parts[i - 1] ?? ""] ?? "1";
      })
      .join("/");
  }

  test("the route list is not empty and names every guarded route the app has", () => {
    const { routes } = server.dispatch.newsroom;
    assert.ok(routes.length > 0);
    assert.ok(routes.every((r) => r.access !== undefined));
    const tree = server.dispatch.app.printRoutes({ commonPrefix: false });
    // Each line of the tree ends with a path fragment and its methods: rebuild full paths.
    const listed = new Set(routes.map((r) => `${r.method} ${r.url}`));
    const stack: string[] = [];
    for (const line of tree.split("\n")) {
      const match = /^([│ ]*)(?:[└├]──\s?)?(\S.*?) \(([A-Z, ]+)\)$/.exec(line);
      const plain = /^([│ ]*)(?:[└├]──\s?)?(\S.*?)$/.exec(line);
      const m = match ?? plain;
      if (!m) continue;
      const depth = Math.floor((m[1] ?? "").length / 4);
      stack.length = depth;
      stack[depth] = m[2] ?? "";
      if (!match) continue;
      const url = stack.join("");
      for (const method of (match[3] ?? "").split(/,\s*/)) {
        if (method === "HEAD" || !isGuarded(method, url)) continue;
        assert.ok(listed.has(`${method} ${url}`), `${method} ${url} is not in the access list`);
      }
    }
  });

  async function ready(client: NewsroomClient, role: NewsroomRole | null): Promise<void> {
    if (role === null) {
      client.cookies.clear();
      await client.get("/newsroom/login");
      return;
    }
    let desk = await client.get("/newsroom");
    if (desk.status !== 200) {
      const user = users.get(role);
      assert.ok(user);
      assert.equal((await client.signIn(user.email)).status, 303);
      desk = await client.get("/newsroom");
    }
    assert.equal(desk.status, 200);
  }

  function send(client: NewsroomClient, method: string, url: string): Promise<Answer> {
    const csrf = client.lastCsrf ?? "";
    const headers = { "x-csrf-token": csrf };
    if (method === "GET") return client.request("GET", url);
    if (url.startsWith("/api/")) return client.request(method, url, { json: {}, headers });
    return client.request(method, url, { form: { _csrf: csrf }, headers });
  }

  const deniedByAccess = (answer: Answer) =>
    (answer.status === 303 && (answer.location ?? "").startsWith("/newsroom/login?next=")) ||
    /sign in first|This needs the \w+ role/.test(answer.body);

  test("each role, and no session, gets what the route's access says", async () => {
    const walkers: [NewsroomRole | null, NewsroomClient][] = [null, ...NEWSROOM_ROLES].map(
      (role, i) => [role, new NewsroomClient(server.base, `127.0.0.${20 + i}`)],
    );
    // Reads first, then writes (a write may end the walker's session; `ready` signs in again).
    const routes = [...server.dispatch.newsroom.routes].sort(
      (a, b) => Number(a.method !== "GET") - Number(b.method !== "GET"),
    );
    let checked = 0;
    for (const route of routes) {
      const url = concrete(route.url);
      for (const [role, client] of walkers) {
        await ready(client, role);
        const answer = await send(client, route.method, url);
        const what = `${route.method} ${url} (${route.access}) as ${role ?? "nobody"}: ${answer.status} ${answer.location ?? ""}`;
        if (accessAllows(route.access, role)) {
          assert.ok(!deniedByAccess(answer), what);
          // Public routes (sign-in, setup) may answer 401/403 themselves to an empty form.
          if (route.access !== "public") assert.ok(![401, 403].includes(answer.status), what);
        } else if (role !== null) {
          assert.equal(answer.status, 403, what);
        } else if (route.method === "GET") {
          assert.equal(answer.status, 303, what);
          assert.equal(answer.location, `/newsroom/login?next=${encodeURIComponent(url)}`, what);
        } else {
          assert.equal(answer.status, 401, what);
        }
        checked++;
      }
    }
    assert.equal(checked, routes.length * walkers.length);
  });
});
