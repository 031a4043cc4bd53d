import { Layout } from "./layout.tsx";
import type { SiteContext } from "./site-context.ts";

/** The 404 and 500 pages: a real page with a way back, never a bare error string. */
const TEXT = {
  400: [
    "Bad request",
    "That address has something we cannot read. Check it, or start again from the home page.",
  ],
  404: [
    "Page not found",
    "We could not find that page. It may have moved, or the address may be mistyped.",
  ],
  500: [
    "Something went wrong",
    "The server could not show this page just now. Please try again in a moment.",
  ],
} as const;

export function StatusPage(props: { site: SiteContext; status: 400 | 404 | 500 }) {
  const [title, text] = TEXT[props.status];
  return (
    <Layout
      site={props.site}
      lang={props.site.language}
      head={{ title: `${title} | ${props.site.name}`, robots: "noindex" }}
    >
      <div class="article">
        <h1>{title}</h1>
        <p>{text}</p>
        <p>
          <a href="/">Go to the latest news</a>
        </p>
      </div>
    </Layout>
  );
}
