/**
 * About twenty major public news feeds (world, business, technology, science) in `link`
 * mode, for an operator who wants a living portal at once. Added only on request
 * (`dispatch sources add-starter` or the home page's welcome panel); never loaded by
 * itself, and never by a test, CI run or benchmark, which reach loopback only.
 */
export const STARTER_OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>Dispatch starter sources</title>
  </head>
  <body>
    <outline text="World">
      <outline type="rss" text="BBC News: World" title="BBC News: World" xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml" htmlUrl="https://www.bbc.co.uk/news/world"/>
      <outline type="rss" text="The Guardian: World news" title="The Guardian: World news" xmlUrl="https://www.theguardian.com/world/rss" htmlUrl="https://www.theguardian.com/world"/>
      <outline type="rss" text="NPR: World" title="NPR: World" xmlUrl="https://feeds.npr.org/1004/rss.xml" htmlUrl="https://www.npr.org/sections/world/"/>
      <outline type="rss" text="Al Jazeera English" title="Al Jazeera English" xmlUrl="https://www.aljazeera.com/xml/rss/all.xml" htmlUrl="https://www.aljazeera.com/"/>
      <outline type="rss" text="DW: Top stories" title="DW: Top stories" xmlUrl="https://rss.dw.com/rdf/rss-en-top" htmlUrl="https://www.dw.com/en/"/>
      <outline type="rss" text="France 24: World" title="France 24: World" xmlUrl="https://www.france24.com/en/rss" htmlUrl="https://www.france24.com/en/"/>
      <outline type="rss" text="The New York Times: World" title="The New York Times: World" xmlUrl="https://rss.nytimes.com/services/xml/rss/nyt/World.xml" htmlUrl="https://www.nytimes.com/section/world"/>
    </outline>
    <outline text="Business">
      <outline type="rss" text="BBC News: Business" title="BBC News: Business" xmlUrl="https://feeds.bbci.co.uk/news/business/rss.xml" htmlUrl="https://www.bbc.co.uk/news/business"/>
      <outline type="rss" text="The Guardian: Business" title="The Guardian: Business" xmlUrl="https://www.theguardian.com/uk/business/rss" htmlUrl="https://www.theguardian.com/business"/>
      <outline type="rss" text="CNBC: Top news" title="CNBC: Top news" xmlUrl="https://search.cnbc.com/rs/search/combinedcms/view.xml?partnerId=wrss01&amp;id=100003114" htmlUrl="https://www.cnbc.com/"/>
      <outline type="rss" text="NPR: Business" title="NPR: Business" xmlUrl="https://feeds.npr.org/1006/rss.xml" htmlUrl="https://www.npr.org/sections/business/"/>
    </outline>
    <outline text="Technology">
      <outline type="rss" text="Ars Technica" title="Ars Technica" xmlUrl="https://feeds.arstechnica.com/arstechnica/index" htmlUrl="https://arstechnica.com/"/>
      <outline type="rss" text="The Verge" title="The Verge" xmlUrl="https://www.theverge.com/rss/index.xml" htmlUrl="https://www.theverge.com/"/>
      <outline type="rss" text="Wired" title="Wired" xmlUrl="https://www.wired.com/feed/rss" htmlUrl="https://www.wired.com/"/>
      <outline type="rss" text="BBC News: Technology" title="BBC News: Technology" xmlUrl="https://feeds.bbci.co.uk/news/technology/rss.xml" htmlUrl="https://www.bbc.co.uk/news/technology"/>
      <outline type="rss" text="TechCrunch" title="TechCrunch" xmlUrl="https://techcrunch.com/feed/" htmlUrl="https://techcrunch.com/"/>
    </outline>
    <outline text="Science">
      <outline type="rss" text="BBC News: Science &amp; Environment" title="BBC News: Science &amp; Environment" xmlUrl="https://feeds.bbci.co.uk/news/science_and_environment/rss.xml" htmlUrl="https://www.bbc.co.uk/news/science_and_environment"/>
      <outline type="rss" text="NASA: Breaking News" title="NASA: Breaking News" xmlUrl="https://www.nasa.gov/rss/dyn/breaking_news.rss" htmlUrl="https://www.nasa.gov/"/>
      <outline type="rss" text="ScienceDaily: Top news" title="ScienceDaily: Top news" xmlUrl="https://www.sciencedaily.com/rss/top/science.xml" htmlUrl="https://www.sciencedaily.com/"/>
      <outline type="rss" text="Nature: News" title="Nature: News" xmlUrl="https://www.nature.com/nature.rss" htmlUrl="https://www.nature.com/"/>
      <outline type="rss" text="The Guardian: Science" title="The Guardian: Science" xmlUrl="https://www.theguardian.com/science/rss" htmlUrl="https://www.theguardian.com/science"/>
    </outline>
  </body>
</opml>
`;
