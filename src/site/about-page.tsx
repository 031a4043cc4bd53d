import { Layout } from "./layout.tsx";
import type { SiteContext } from "./site-context.ts";

/** What the portal is, where its news comes from, and how to follow it. */
export function AboutPage(props: { site: SiteContext; sourceCount: number }) {
  const { site } = props;
  return (
    <Layout
      site={site}
      lang={site.language}
      head={{
        title: `About · ${site.name}`,
        description: `About ${site.name}: news around the clock, and where it comes from.`,
        canonical: `${site.url}/about`,
      }}
    >
      <article class="article">
        <h1>About {site.name}</h1>
        <p class="standfirst">
          News around the clock, from our newsroom and the outlets we follow.
        </p>
        <h2>Where the news comes from</h2>
        <p>
          Our own journalists write some of what you read here. The rest comes from{" "}
          <a href="/sources">{props.sourceCount} outlets</a> whose feeds we follow: for most we show
          the headline and summary and link to the full story on their site. When several outlets
          report the same event, we group their reports into one story, so you can see who reported
          first and compare how each told it.
        </p>
        <h2>Following us</h2>
        <p>
          Every page with a list of articles has a feed in RSS, Atom and JSON Feed: the{" "}
          <a href="/feed.xml">latest news</a>, each section and each topic. Our site asks nothing of
          your browser beyond the page itself: no trackers, no third-party requests; pictures from
          other outlets are served by us.
        </p>
        <h2>Corrections</h2>
        <p>
          When we correct an article, the page says so and shows when it was updated. Articles from
          other outlets are corrected at their source.
        </p>
      </article>
    </Layout>
  );
}
