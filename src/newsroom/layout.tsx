import type { ComponentChildren } from "preact";
import { type Access, accessAllows } from "../domain/user.ts";
import type { Viewer } from "./access.ts";

/** A section of the newsroom in its bar; shown only to those its access allows. */
export interface NavItem {
  href: string;
  label: string;
  access: Access;
}

export interface PageContext {
  siteName: string;
  /** The reader site's stylesheet (colours, type) and the newsroom's own. */
  stylesheets: readonly string[];
  viewer: Viewer | null;
  csrf: string;
  /** The request's path, to mark the current section. */
  path: string;
  /** The bar's sections, as the newsroom's modules registered them. */
  nav: readonly NavItem[];
}

/** The hidden field every newsroom form carries. */
export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

/** A POST button standing alone (sign out, disable…): a form of its own, with its token. */
export function PostButton(props: {
  action: string;
  csrf: string;
  label: string;
  variant?: "secondary" | "danger" | "link";
  fields?: Record<string, string>;
}) {
  return (
    <form method="post" action={props.action} class="nr-inline">
      <CsrfField token={props.csrf} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={props.variant}>
        {props.label}
      </button>
    </form>
  );
}

export function NewsroomLayout(props: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** Scripts that enhance the page (content-hashed, same origin: the CSP allows nothing else). */
  scripts?: readonly string[];
}) {
  const { ctx } = props;
  const role = ctx.viewer?.role ?? null;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${props.title} · Newsroom · ${ctx.siteName}`}</title>
        {ctx.stylesheets.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {props.scripts?.map((src) => (
          <script key={src} src={src} defer type="module" />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="nr-bar">
          <div class="nr-bar-inner">
            <a class="nr-brand" href="/newsroom">
              {ctx.siteName} newsroom
            </a>
            {ctx.viewer ? (
              <>
                <nav class="nr-nav" aria-label="Newsroom">
                  {ctx.nav
                    .filter((item) => accessAllows(item.access, role))
                    .map((item) => (
                      <a
                        key={item.href}
                        href={item.href}
                        aria-current={
                          ctx.path === item.href ||
                          (item.href !== "/newsroom" && ctx.path.startsWith(`${item.href}/`))
                            ? "page"
                            : undefined
                        }
                      >
                        {item.label}
                      </a>
                    ))}
                </nav>
                <div class="nr-who">
                  <a href="/newsroom/account">{ctx.viewer.user.name}</a>
                  <span class="nr-badge">{ctx.viewer.role}</span>
                  <PostButton
                    action="/newsroom/logout"
                    csrf={ctx.csrf}
                    label="Sign out"
                    variant="link"
                  />
                </div>
              </>
            ) : null}
          </div>
        </header>
        <main id="main" class="nr-main" tabIndex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** A form's problem, said at the top and tied to its field. */
export function FormError(props: { message: string | null }) {
  if (!props.message) return null;
  return (
    <p class="nr-error" role="alert" id="form-error">
      {props.message}
    </p>
  );
}

/** What the last action did, announced politely; nothing when there is nothing to say. */
export function Notice(props: { message?: string | null | undefined }) {
  if (!props.message) return null;
  return (
    <p class="nr-notice" role="status">
      {props.message}
    </p>
  );
}

/** A field the form's error names: marked invalid and described by the message. */
export function invalidIf(on: boolean): { "aria-invalid"?: "true"; "aria-describedby"?: string } {
  return on ? { "aria-invalid": "true", "aria-describedby": "form-error" } : {};
}
