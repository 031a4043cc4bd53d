import { randomBytes } from "node:crypto";
import path from "node:path";
import { createApiTokenRepository } from "../../src/db/api-token-repository.ts";
import { openDatabase } from "../../src/db/connection.ts";
import { createLiveblogConsoleRepository } from "../../src/db/liveblog-console-repository.ts";
import { migrate } from "../../src/db/migrate.ts";
import { createSectionRepository } from "../../src/db/section-repository.ts";
import { createUserRepository } from "../../src/db/user-repository.ts";
import { hashPassword } from "../../src/newsroom/passwords.ts";
import { hashSecret } from "../../src/newsroom/session-auth.ts";

export interface SeededBlogs {
  /** An editor's API token (`Authorization: Bearer …`). */
  token: string;
  blogs: { id: number; path: string }[];
}

/**
 * An editor, an API token and published live blogs in `dataDir`'s SQLite file, written
 * before the server starts: what the live benchmarks post entries to.
 */
export async function seedLiveblogs(
  dataDir: string,
  options: { section: string; tokenName: string; headlines: readonly string[] },
): Promise<SeededBlogs> {
  const database = openDatabase(`sqlite:${path.join(dataDir, "dispatch.db")}`);
  try {
    await migrate(database);
    const section = await createSectionRepository(database).create(options.section);
    const user = await createUserRepository(database).create({
      email: `bench-${randomBytes(3).toString("hex")}@example.org`,
      name: "Bench Editor",
      role: "editor",
      passwordHash: await hashPassword(randomBytes(18).toString("base64url")),
      now: new Date(),
    });
    const token = randomBytes(24).toString("base64url");
    await createApiTokenRepository(database).create({
      name: options.tokenName,
      tokenHash: hashSecret(token),
      role: "editor",
      createdBy: user.id,
      now: new Date(),
    });
    const repository = createLiveblogConsoleRepository(database);
    const blogs: SeededBlogs["blogs"] = [];
    for (const headline of options.headlines) {
      const blog = await repository.create({
        headline,
        standfirst: "Live coverage as it happens",
        sectionSlug: section.slug,
        summaryMarkdown: "",
        summaryHtml: "",
        language: "en",
        byline: null,
        publish: true,
        authorId: user.id,
      });
      if (!blog.path) throw new Error("a seeded live blog has no page");
      blogs.push({ id: blog.articleId, path: blog.path });
    }
    return { token, blogs };
  } finally {
    await database.close();
  }
}
