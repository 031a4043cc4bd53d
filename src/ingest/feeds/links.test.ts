import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { absolutize, htmlLink, linkByRel, resolveUrl, withXmlBase } from "./links.ts";

describe("links", () => {
  it("resolves against a base and keeps only http(s) without credentials", () => {
    assert.equal(resolveUrl(" /a?b=1 ", "https://site.example/x/"), "https://site.example/a?b=1");
    assert.equal(resolveUrl("b", "https://site.example/x/"), "https://site.example/x/b");
    assert.equal(resolveUrl("https://other.example/", null), "https://other.example/");
    assert.equal(resolveUrl("/relative", null), null);
    assert.equal(resolveUrl("javascript:alert(1)", "https://site.example/"), null);
    assert.equal(resolveUrl("mailto:a@site.example", null), null);
    assert.equal(resolveUrl("", "https://site.example/"), null);
    assert.equal(resolveUrl(undefined, "https://site.example/"), null);
  });

  it("chains xml:base: each level relative to the one above, else inherited", () => {
    const feed = withXmlBase("https://site.example/news/", null);
    assert.equal(feed, "https://site.example/news/");
    assert.equal(withXmlBase("2024/", feed), "https://site.example/news/2024/");
    assert.equal(withXmlBase(undefined, feed), feed);
    assert.equal(withXmlBase("ftp://x/", feed), feed, "a base we cannot use is no base");
  });

  it("picks links by relation, a missing rel being alternate, HTML alternates first", () => {
    const links = [
      { href: "/feed.atom", rel: "self" },
      { href: "/entry.json", type: "application/json" },
      { href: "/entry.html", rel: "alternate", type: "text/html" },
      { href: "https://hub.example/", rel: "hub" },
    ];
    const base = "https://site.example/";
    assert.equal(linkByRel(links, "self", base), "https://site.example/feed.atom");
    assert.equal(linkByRel(links, "hub", base), "https://hub.example/");
    assert.equal(htmlLink(links, base), "https://site.example/entry.html");
    assert.equal(htmlLink(links.slice(0, 2), base), "https://site.example/entry.json");
    assert.equal(htmlLink(undefined, base), null);
  });

  it("makes links and image sources absolute, and promotes lazy images", () => {
    const html = absolutize(
      '<p><a href="/a">a</a> <img src="data:image/gif;base64,R0" data-src="img/1.jpg"> <q cite="../q">q</q></p>',
      "https://site.example/news/post/",
    );
    assert.match(html, /href="https:\/\/site\.example\/a"/);
    assert.match(html, /src="https:\/\/site\.example\/news\/post\/img\/1\.jpg"/);
    assert.match(html, /cite="https:\/\/site\.example\/news\/q"/);
  });

  it("leaves markup with only absolute links untouched (no second parse)", () => {
    const html =
      '<p><a href="https://site.example/a" class="x">a</a><img src="http://site.example/i.jpg"></p>';
    assert.equal(absolutize(html, "https://site.example/"), html);
  });

  it("keeps relative links as they are without a base", () => {
    assert.match(absolutize('<a href="/a">a</a>', null), /href="\/a"/);
  });
});
