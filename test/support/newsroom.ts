import { request as httpRequest } from "node:http";
import type { NewsroomRole, User } from "../../src/domain/user.ts";
import { hashPassword } from "../../src/newsroom/passwords.ts";
import type { Dispatch } from "./server.ts";

export const TEST_PASSWORD = "correct horse battery staple 42";

/** An account made directly in the database (the CLI and setup page have tests of their own). */
export async function createUser(
  dispatch: Dispatch,
  role: NewsroomRole,
  email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.org`,
  password = TEST_PASSWORD,
): Promise<User> {
  return dispatch.users.create({
    email,
    name: `${role[0]?.toUpperCase()}${role.slice(1)} ${email.split("@")[0]}`,
    role,
    passwordHash: await hashPassword(password),
    now: new Date(),
  });
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  location: string | null;
}

/**
 * A browser without a browser: keeps cookies, follows no redirects, and can send from
 * another loopback address (`localAddress`: 127.0.0.2…) to be another client.
 */
export class NewsroomClient {
  readonly cookies = new Map<string, string>();
  lastCsrf: string | null = null;

  constructor(
    readonly base: string,
    readonly localAddress = "127.0.0.1",
  ) {}

  request(
    method: string,
    path: string,
    options: {
      form?: Record<string, string>;
      json?: unknown;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Answer> {
    const url = new URL(path, this.base);
    let body: string | undefined;
    const headers: Record<string, string> = { ...options.headers };
    if (options.form) {
      body = new URLSearchParams(options.form).toString();
      headers["content-type"] = "application/x-www-form-urlencoded";
    } else if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers["content-type"] = "application/json";
    }
    // Framed, so a body on DELETE (which Node does not chunk by default) still parses.
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    }
    return new Promise((resolve, reject) => {
      const req = httpRequest(url, { method, headers, localAddress: this.localAddress }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const set = res.headers["set-cookie"] ?? [];
          for (const line of set) {
            const [pair = "", ...attrs] = line.split(";");
            const eq = pair.indexOf("=");
            const name = pair.slice(0, eq).trim();
            const value = pair.slice(eq + 1).trim();
            if (value === "" || attrs.some((a) => /max-age=0/i.test(a.trim()))) {
              this.cookies.delete(name);
            } else this.cookies.set(name, value);
          }
          const text = Buffer.concat(chunks).toString("utf8");
          const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
          if (token) this.lastCsrf = token;
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text,
            location: typeof res.headers.location === "string" ? res.headers.location : null,
          });
        });
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  get(path: string): Promise<Answer> {
    return this.request("GET", path);
  }

  /** A form post with the CSRF token of the last page read (read `csrfFrom` first if none). */
  post(path: string, form: Record<string, string> = {}): Promise<Answer> {
    return this.request("POST", path, { form: { _csrf: this.lastCsrf ?? "", ...form } });
  }

  async signIn(email: string, password = TEST_PASSWORD): Promise<Answer> {
    await this.get("/newsroom/login");
    return this.post("/newsroom/login", { email, password });
  }
}
