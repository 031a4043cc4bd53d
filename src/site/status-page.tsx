import { Layout } from "./layout.tsx";
import type { SiteContext } from "./site-context.ts";

/** Error pages: a real page with a way back, never a bare error string. */
const TEXT = {
  400: [
    "Bad request",
    "That address has something we cannot read. Check it, or start again from the home page.",
  ],
  401: ["Sign in first", "This page is for the newsroom. Sign in to see it."],
  403: ["Not allowed", "Your account may not do that. Ask an editor or an admin."],
  404: [
    "Page not found",
    "We could not find that page. It may have moved, or the address may be mistyped.",
  ],
  409: ["Changed meanwhile", "Someone changed this while you were working. Reload and try again."],
  410: ["Withdrawn", "This article has been withdrawn and is no longer available."],
  429: [
    "Too many attempts",
    "Too many attempts from your address. Wait a few minutes, then try again.",
  ],
  500: [
    "Something went wrong",
    "The server could not show this page just now. Please try again in a moment.",
  ],
} as const;

export type StatusCode = keyof typeof TEXT;

export function isStatusCode(status: number): status is StatusCode {
  return status in TEXT;
}

/** `detail`: the error's own message (plain text, escaped), said instead of the general one. */
export function StatusPage(props: { site: SiteContext; status: StatusCode; detail?: string }) {
  const [title, text] = TEXT[props.status];
  return (
    <Layout
      site={props.site}
      lang={props.site.language}
      head={{ title: `${title} | ${props.site.name}`, robots: "noindex" }}
    >
      <div class="article">
        <h1>{title}</h1>
        <p>{props.detail ?? text}</p>
        <p>
          <a href="/">Go to the latest news</a>
        </p>
      </div>
    </Layout>
  );
}
