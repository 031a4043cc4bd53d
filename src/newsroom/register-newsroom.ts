import formbody from "@fastify/formbody";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { Config } from "../config/settings.ts";
import type { AlertRepository } from "../db/alert-repository.ts";
import type { ApiTokenRepository } from "../db/api-token-repository.ts";
import type { ArticleRepository } from "../db/article-repository.ts";
import type { AuditRepository } from "../db/audit-repository.ts";
import type { Database } from "../db/connection.ts";
import type { CorrectionRepository } from "../db/correction-repository.ts";
import type { LiveblogConsoleRepository } from "../db/liveblog-console-repository.ts";
import type { LiveblogRepository } from "../db/liveblog-repository.ts";
import type { NewsroomArticleRepository } from "../db/newsroom-article-repository.ts";
import type { SearchRepository } from "../db/search-repository.ts";
import type { SessionRepository } from "../db/session-repository.ts";
import type { SourceRepository } from "../db/source-repository.ts";
import type { StoryRepository } from "../db/story-repository.ts";
import type { UserRepository } from "../db/user-repository.ts";
import { LOG } from "../domain/log-events.ts";
import { installAccess, type RouteAccess } from "./access.ts";
import { createKit, type NewsroomKit } from "./kit.ts";
import { createLoginLimiter } from "./login-limiter.ts";
import { registerApiTokens } from "./routes/api-tokens.tsx";
import { registerArticleHistory } from "./routes/article-history.tsx";
import { registerArticles } from "./routes/articles.tsx";
import { registerAudit } from "./routes/audit.tsx";
import { registerAuthRoutes } from "./routes/auth-routes.tsx";
import { registerCorrections } from "./routes/corrections.tsx";
import { registerDeskHome } from "./routes/desk-home.tsx";
import { registerFrontPage } from "./routes/front-page.tsx";
import { registerLiveDesks } from "./routes/liveblogs.tsx";
import { registerPeople } from "./routes/people.tsx";
import { registerWireDesk } from "./routes/wire-desk.tsx";
import { createSessionAuth, type SessionAuth } from "./session-auth.ts";
import { issueSetupToken } from "./setup-token.ts";

export interface NewsroomDeps {
  config: Config;
  logger: Logger;
  users: UserRepository;
  sessions: SessionRepository;
  audits: AuditRepository;
  tokens: ApiTokenRepository;
  secret: string;
  siteStylesheet: string;
  database: Database;
  articles: ArticleRepository;
  sources: SourceRepository;
  stories: StoryRepository;
  liveblogs: LiveblogRepository;
  search: SearchRepository;
  alerts: AlertRepository;
  liveblogConsole: LiveblogConsoleRepository;
  newsroomArticles: NewsroomArticleRepository;
  corrections: CorrectionRepository;
  /** Call after committing a change readers must see: caches drop, the enricher looks. */
  published(change: { articleIds: readonly number[]; reason: string }): void;
}

export interface Newsroom {
  kit: NewsroomKit;
  auth: SessionAuth;
  /** Every guarded route (newsroom pages, API writes) with the access it declared. */
  routes: RouteAccess[];
}

/**
 * The newsroom's foundation on the app: form bodies, the access check on every guarded
 * route, sign-in and setup. Call before any other guarded route is added; the modules
 * then register on the returned kit. Prints the setup link while there is no admin.
 */
export async function installNewsroom(app: FastifyInstance, deps: NewsroomDeps): Promise<Newsroom> {
  const { config } = deps;
  const secure = config.SITE_URL.startsWith("https:");
  await app.register(formbody, { bodyLimit: 2 * 1024 * 1024 });
  const auth = createSessionAuth(deps.sessions, {
    idleMinutes: config.SESSION_IDLE_MINUTES,
    maxHours: config.SESSION_MAX_HOURS,
    secure,
  });
  const routes = installAccess(app, {
    auth,
    users: deps.users,
    tokens: deps.tokens,
    secret: deps.secret,
    siteOrigin: new URL(config.SITE_URL).origin,
    secure,
  });
  const kit = createKit(app, {
    siteName: config.SITE_NAME,
    siteStylesheet: deps.siteStylesheet,
    audits: deps.audits,
  });
  registerDeskHome(app, kit);
  registerAuthRoutes(app, kit, {
    users: deps.users,
    auth,
    limiter: createLoginLimiter({ attempts: config.LOGIN_ATTEMPTS, windowMs: 15 * 60_000 }),
  });
  registerFrontPage(app, kit, deps);
  registerPeople(app, kit, deps);
  registerApiTokens(app, kit, deps);
  registerAudit(app, kit, deps);
  registerArticles(app, kit, deps);
  registerArticleHistory(app, kit, deps);
  registerLiveDesks(app, kit, deps);
  registerWireDesk(app, kit, deps);
  registerCorrections(app, kit, deps);

  const token = await issueSetupToken(deps.users);
  if (token) {
    deps.logger.warn(
      { event: LOG.newsroomSetup },
      `The newsroom has no admin yet. Create one at ${config.SITE_URL}/newsroom/setup?token=${token} (works once, for 24 hours), or run \`dispatch user add <email> --role admin\`.`,
    );
  }
  return { kit, auth, routes };
}
