import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isAppError } from "../domain/errors.ts";
import { escapeHtml, htmlToText, MAX_HTML_TAGS, sanitizeHtml } from "./sanitize.ts";

describe("sanitizeHtml", () => {
  it("keeps the article allowlist with its attributes", () => {
    const html =
      '<p lang="fr">Un <em>mot</em> <strong>fort</strong> <abbr title="Nord">N</abbr></p>' +
      "<blockquote><p>Quote</p><cite>Someone</cite></blockquote>" +
      '<figure><img src="https://img.example/a.jpg" alt="A" width="640" height="480"><figcaption>Cap</figcaption></figure>' +
      '<table><thead><tr><th colspan="2">H</th></tr></thead><tbody><tr><td rowspan="1">c</td></tr></tbody></table>';
    assert.equal(
      sanitizeHtml(html),
      '<p lang="fr">Un <em>mot</em> <strong>fort</strong> <abbr title="Nord">N</abbr></p>' +
        "<blockquote><p>Quote</p><cite>Someone</cite></blockquote>" +
        '<figure><img src="https://img.example/a.jpg" alt="A" width="640" height="480" /><figcaption>Cap</figcaption></figure>' +
        '<table><thead><tr><th colspan="2">H</th></tr></thead><tbody><tr><td rowspan="1">c</td></tr></tbody></table>',
    );
  });

  it("downgrades h1 to h2, because the headline is the page's only h1", () => {
    assert.equal(sanitizeHtml('<h1 id="x">Inside</h1><p>t</p>'), "<h2>Inside</h2><p>t</p>");
  });

  it("adds rel=noopener noreferrer to links and drops other link attributes", () => {
    assert.equal(
      sanitizeHtml(
        '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="opener" title="T" hreflang="en">x</a>',
      ),
      '<a href="https://example.com/a?b=1&amp;c=2" title="T" hreflang="en" rel="noopener noreferrer">x</a>',
    );
    assert.equal(
      sanitizeHtml('<a href="mailto:desk@example.com">mail</a>'),
      '<a href="mailto:desk@example.com" rel="noopener noreferrer">mail</a>',
    );
  });

  for (const href of [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java&#x09;script:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)",
    "javascript&colon;alert(1)",
    "\u0001javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "//evil.example/",
  ]) {
    it(`drops the href ${JSON.stringify(href)}`, () => {
      const out = sanitizeHtml(`<a href="${href}">click</a>`);
      assert.equal(out, '<a rel="noopener noreferrer">click</a>');
    });
  }

  it("refuses data: images and drops the empty image", () => {
    assert.equal(
      sanitizeHtml('<p>a<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="x">b</p>'),
      "<p>ab</p>",
    );
    assert.equal(sanitizeHtml('<img src="javascript:alert(1)">'), "");
  });

  it("drops non-numeric image dimensions", () => {
    assert.equal(
      sanitizeHtml('<img src="https://i.example/x.png" width="100%" height="9;x">'),
      '<img src="https://i.example/x.png" alt="" />',
    );
  });

  it("drops script, style, iframe, svg and their content entirely", () => {
    const out = sanitizeHtml(
      "<p>a</p><script>alert(1)</script><style>p{color:red}</style>" +
        '<iframe src="https://evil.example">frame text</iframe>' +
        '<svg onload="alert(1)"><text>svg text</text></svg>' +
        "<noscript>ns</noscript><template><p>tpl</p></template><p>b</p>",
    );
    assert.equal(out, "<p>a</p><p>b</p>");
  });

  it("drops <object> and <embed> but keeps the fallback inside, cleaned like the rest", () => {
    assert.equal(
      sanitizeHtml(
        '<object data="https://v.example/p.swf" type="application/x-shockwave-flash"><param name="movie" value="p.swf">' +
          '<p>Watch <a href="https://v.example/clip" onclick="x()">the clip</a></p>' +
          '<a href="javascript:alert(1)">js</a><script>alert(1)</script><iframe src="https://evil.example">f</iframe>' +
          '<img src="https://v.example/poster.jpg" alt="Poster"></object><embed src="https://v.example/p.swf">',
      ),
      '<p>Watch <a href="https://v.example/clip" rel="noopener noreferrer">the clip</a></p>' +
        '<a rel="noopener noreferrer">js</a><img src="https://v.example/poster.jpg" alt="Poster" />',
    );
    assert.equal(htmlToText("<object><param name=a value=b>Transcript</object>"), "Transcript");
  });

  it("drops event handler and style attributes", () => {
    assert.equal(
      sanitizeHtml(
        '<p onclick="x()" style="background:url(javascript:alert(1))" class="c">t</p><span onmouseover="y()">s</span>',
      ),
      "<p>t</p><span>s</span>",
    );
  });

  it("keeps the text of unknown wrapper tags but not the tags", () => {
    assert.equal(sanitizeHtml("<div><font>kept</font></div>"), "kept");
  });

  it("re-escapes entity-encoded markup instead of reviving it", () => {
    assert.equal(
      sanitizeHtml("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    );
    assert.equal(sanitizeHtml("<option>&lt;img src=x onerror=alert(1)&gt;</option>"), "");
  });

  it("keeps only well-formed lang values", () => {
    assert.equal(
      sanitizeHtml('<span lang="pt-BR">a</span><span lang="x&quot; onclick=&quot;y">b</span>'),
      '<span lang="pt-BR">a</span><span>b</span>',
    );
  });

  it("refuses pathological nesting quickly instead of stalling", () => {
    const started = Date.now();
    const bomb = "<b>".repeat(MAX_HTML_TAGS + 1);
    const tooComplex = (error: unknown) => isAppError(error) && error.code === "html_too_complex";
    assert.throws(() => sanitizeHtml(bomb), tooComplex);
    assert.throws(() => htmlToText(bomb), tooComplex);
    assert.ok(Date.now() - started < 1000);
    // "<" that opens no element does not count.
    assert.equal(sanitizeHtml(`<p>${"1 < 2 ".repeat(MAX_HTML_TAGS + 1)}</p>`).length > 0, true);
  });

  it("drops comments and NUL characters", () => {
    assert.equal(sanitizeHtml("<p>a<!-- <script>x</script> -->b\u0000c</p>"), "<p>abc</p>");
  });
});

describe("htmlToText", () => {
  it("separates block elements with blank lines and decodes entities", () => {
    assert.equal(
      htmlToText(
        "<h2>Title &amp; more</h2><p>It&#8217;s  a\n  test &lt;b&gt; &quot;q&quot; &#x2014; fine</p><ul><li>one</li><li>two</li></ul>",
      ),
      'Title & more\n\nIt’s a test <b> "q" — fine\n\none\n\ntwo',
    );
  });

  it("turns <br> into a line break", () => {
    assert.equal(htmlToText("<p>line one<br>line two</p>"), "line one\nline two");
  });

  it("drops scripts and styles instead of reading them as text", () => {
    assert.equal(htmlToText("<p>a</p><script>var x = 1;</script><style>p{}</style>b"), "a\n\nb");
  });

  it("returns an empty string for markup without text", () => {
    assert.equal(htmlToText('<p> </p><img src="https://x.example/a.png">'), "");
  });

  it("never yields markup, whatever the input", () => {
    const text = htmlToText(
      '<p>x</p><<script>a</script>img src=x onerror=alert(1)>"<a href="#">y</a>',
    );
    assert.doesNotMatch(text, /<script|<a /);
    assert.match(text, /y/);
  });
});

describe("escapeHtml", () => {
  it("escapes the five HTML-special characters and keeps typographic quotes", () => {
    assert.equal(
      escapeHtml(`<a href="x">'&'</a> “ok”`),
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; “ok”",
    );
  });
});
