import type { Migration } from "../migration.ts";

const tables = (time: string) => [
  // The editor's working copy of a newsroom article: saves and autosaves write only here;
  // publishing renders it into the article row readers see.
  `CREATE TABLE article_drafts (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    headline TEXT NOT NULL,
    standfirst TEXT NOT NULL DEFAULT '',
    body_source TEXT NOT NULL DEFAULT '',
    section_slug TEXT NOT NULL,
    slug TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    byline TEXT NOT NULL DEFAULT '',
    image_path TEXT,
    image_alt TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    updated_by INTEGER REFERENCES users(id),
    updated_at ${time} NOT NULL
  )`,
  // Who has an article open, by heartbeat: in the database, so every web node agrees.
  `CREATE TABLE article_presence (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    seen_at ${time} NOT NULL,
    PRIMARY KEY (article_id, user_id)
  )`,
  // A published revision keeps the Markdown it was rendered from and everything around it,
  // so it can be compared and restored into the working copy.
  "ALTER TABLE article_revisions ADD COLUMN body_source TEXT",
  "ALTER TABLE article_revisions ADD COLUMN byline TEXT",
  "ALTER TABLE article_revisions ADD COLUMN section_slug TEXT",
  "ALTER TABLE article_revisions ADD COLUMN tags TEXT",
  "ALTER TABLE article_revisions ADD COLUMN image_path TEXT",
  "ALTER TABLE article_revisions ADD COLUMN image_alt TEXT",
  "ALTER TABLE article_revisions ADD COLUMN created_by INTEGER REFERENCES users(id)",
  "ALTER TABLE article_revisions ADD COLUMN note TEXT",
  "CREATE INDEX articles_desk ON articles (kind, desk_status, updated_at)",
];

/** The newsroom editor: working copies, presence, revisions with their Markdown. */
export const migration009: Migration = {
  id: 9,
  name: "writing",
  sqlite: tables("TEXT"),
  postgres: tables("TIMESTAMPTZ"),
};
