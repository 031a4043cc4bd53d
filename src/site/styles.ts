/**
 * The one stylesheet, served at a content-hashed URL. Kept as a module rather than a .css
 * file so the bundled CLI carries it with no file lookup at run time.
 */
export const STYLESHEET_CSS = `
:root {
  color-scheme: light dark;
  --bg: #fff;
  --fg: #1a1a1a;
  --muted: #555;
  --rule: #ddd;
  --accent: #b3001b;
  --link: #0b4f9c;
  --focus: #1a73e8;
  --measure: 42rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 100%;
  line-height: 1.5;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #121212;
    --fg: #ececec;
    --muted: #b0b0b0;
    --rule: #333;
    --accent: #ff6b7f;
    --link: #8ab4f8;
    --focus: #8ab4f8;
  }
}
* {
  box-sizing: border-box;
}
html {
  background: var(--bg);
  color: var(--fg);
  -webkit-text-size-adjust: 100%;
}
body {
  margin: 0;
}
a {
  color: var(--link);
  text-underline-offset: 0.15em;
}
a:focus-visible,
button:focus-visible,
input:focus-visible {
  outline: 3px solid var(--focus);
  outline-offset: 2px;
}
.skip {
  position: absolute;
  left: -999px;
  top: 0;
  background: var(--bg);
  padding: 0.5rem 1rem;
  z-index: 1;
}
.skip:focus {
  left: 0.5rem;
  top: 0.5rem;
}
.masthead {
  border-bottom: 3px solid var(--fg);
}
.masthead-inner,
main,
.site-footer {
  max-width: 64rem;
  margin: 0 auto;
  padding: 0 1rem;
}
.masthead-inner {
  display: flex;
  align-items: baseline;
  justify-content: space-between;
  gap: 1rem;
  flex-wrap: wrap;
  padding-block: 0.75rem;
}
.site-name {
  font-size: 1.5rem;
  font-weight: 800;
  letter-spacing: -0.01em;
  color: var(--fg);
  text-decoration: none;
}
.site-name::before {
  content: "";
  display: inline-block;
  width: 0.6em;
  height: 0.6em;
  border-radius: 50%;
  background: var(--accent);
  margin-right: 0.4em;
  vertical-align: 0.05em;
}
.masthead nav {
  display: flex;
  flex: 1;
  justify-content: flex-end;
  flex-wrap: wrap;
  column-gap: 1rem;
  row-gap: 0.25rem;
}
.masthead nav a {
  color: var(--fg);
  padding-block: 0.25rem;
  white-space: nowrap;
}
.masthead-search {
  color: var(--fg);
  padding-block: 0.25rem;
}
/* Phones: search beside the name; the sections scroll sideways in one row below instead of
   pushing the news down. */
@media (max-width: 40rem) {
  .site-name {
    font-size: 1.25rem;
  }
  .masthead-search {
    order: 1;
  }
  .masthead nav {
    order: 2;
    flex: none;
    width: calc(100% + 2rem);
    justify-content: flex-start;
    flex-wrap: nowrap;
    overflow-x: auto;
    scrollbar-width: none;
    margin-inline: -1rem;
    padding-inline: 1rem;
  }
}
main {
  padding-block: 1.5rem 3rem;
}
.article {
  max-width: var(--measure);
  margin: 0 auto;
}
.kicker {
  font-size: 0.875rem;
  font-weight: 700;
  text-transform: uppercase;
  letter-spacing: 0.05em;
  color: var(--accent);
  margin: 0 0 0.5rem;
}
h1 {
  font-size: clamp(1.75rem, 1.2rem + 2.5vw, 2.75rem);
  line-height: 1.15;
  letter-spacing: -0.015em;
  margin: 0 0 0.75rem;
}
.standfirst {
  font-size: 1.2rem;
  color: var(--muted);
  margin: 0 0 1rem;
}
.meta {
  font-size: 0.9rem;
  color: var(--muted);
  border-block: 1px solid var(--rule);
  padding-block: 0.5rem;
  margin-bottom: 1.5rem;
}
.meta span + span::before,
.meta time + span::before,
.meta span + time::before {
  content: " · ";
}
.body {
  font-size: 1.125rem;
  line-height: 1.65;
  overflow-wrap: break-word;
}
.body h2 {
  font-size: 1.4rem;
  line-height: 1.25;
  margin: 2rem 0 0.5rem;
}
.body blockquote {
  border-left: 4px solid var(--rule);
  margin: 1.5rem 0;
  padding-left: 1rem;
  color: var(--muted);
}
.body img {
  max-width: 100%;
  height: auto;
}
.body pre {
  overflow-x: auto;
}
.river {
  list-style: none;
  margin: 0;
  padding: 0;
}
.river li {
  border-bottom: 1px solid var(--rule);
  padding-block: 1rem;
}
.river :is(h2, h3) {
  font-size: 1.25rem;
  line-height: 1.3;
  margin: 0 0 0.25rem;
}
.river :is(h2, h3) a {
  color: var(--fg);
  text-decoration: none;
}
.river :is(h2, h3) a:hover {
  text-decoration: underline;
}
.river p {
  margin: 0 0 0.25rem;
  color: var(--muted);
}
.river .meta-line {
  font-size: 0.875rem;
  color: var(--muted);
}
.section-title {
  font-size: 1rem;
  text-transform: uppercase;
  letter-spacing: 0.06em;
  border-bottom: 1px solid var(--fg);
  padding-bottom: 0.25rem;
}
.empty {
  max-width: var(--measure);
  border: 1px solid var(--rule);
  border-radius: 0.5rem;
  padding: 1rem 1.5rem;
}
.empty code {
  font-size: 0.95em;
}
.pager {
  margin-top: 1.5rem;
}
.site-footer {
  border-top: 1px solid var(--rule);
  padding-block: 1.5rem;
  font-size: 0.875rem;
  color: var(--muted);
}
@media (min-width: 60rem) {
  .river {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    column-gap: 2rem;
  }
  .river:not(.continued) li:first-child {
    grid-column: 1 / -1;
  }
  .river:not(.continued) li:first-child :is(h2, h3) {
    font-size: 1.9rem;
  }
}
.stories {
  list-style: none;
  margin: 0 0 2rem;
  padding: 0;
}
.stories li {
  border-bottom: 1px solid var(--rule);
  padding-block: 0.9rem;
}
.stories h3 {
  font-size: 1.2rem;
  line-height: 1.3;
  margin: 0 0 0.25rem;
}
.stories h3 a,
.coverage a {
  color: var(--fg);
}
.stories li:first-child h3 {
  font-size: 1.7rem;
}
.stories p {
  margin: 0 0 0.25rem;
  color: var(--muted);
}
.meta-line {
  font-size: 0.875rem;
  color: var(--muted);
}
.coverage {
  padding-left: 1.25rem;
}
.coverage li {
  margin-block: 0.6rem;
}
.coverage .meta-line,
.related .meta-line {
  display: block;
}
/* An outlet's name reads as part of its line; the underline says it is a link. */
.story .meta-line .outlet {
  color: inherit;
}
.link-out a {
  display: inline-block;
  font-weight: 600;
  padding: 0.6rem 1rem;
  border: 2px solid var(--link);
  border-radius: 0.4rem;
  text-decoration: none;
}
.related,
.topics {
  border-top: 1px solid var(--rule);
  margin-top: 2rem;
}
.related h2,
.topics h2 {
  font-size: 1.1rem;
}
.related ul {
  padding-left: 1.25rem;
}
.related li {
  margin-block: 0.5rem;
}
.topics ul {
  list-style: none;
  padding: 0;
  display: flex;
  flex-wrap: wrap;
  gap: 0.5rem;
}
.topics li a {
  display: inline-block;
  padding: 0.3rem 0.75rem;
  border: 1px solid var(--rule);
  border-radius: 1rem;
  text-decoration: none;
}
.headlines {
  padding-left: 1.25rem;
}
.headlines li {
  margin-block: 0.4rem;
}
.headlines a,
.section-title a {
  color: var(--fg);
}
.lead-image {
  display: block;
  width: 100%;
  height: auto;
  aspect-ratio: 16 / 9;
  object-fit: cover;
  margin-block: 1rem;
  background: var(--rule);
}
.stories li {
  display: flow-root;
}
.thumb {
  float: right;
  width: 8rem;
  height: auto;
  aspect-ratio: 16 / 9;
  object-fit: cover;
  margin: 0.25rem 0 0.5rem 1rem;
  background: var(--rule);
}
@media (min-width: 60rem) {
  .thumb {
    width: 12rem;
  }
}
.live-badge {
  background: #b3001b;
  color: #fff;
  padding: 0.05rem 0.4rem;
  border-radius: 0.2rem;
  margin-right: 0.5rem;
}
.live-badge.ended {
  background: transparent;
  color: var(--fg);
  border: 1px solid var(--muted);
}
.live-ended {
  border-left: 4px solid var(--muted);
  padding: 0.5rem 0.75rem;
}
.live {
  border-top: 1px solid var(--rule);
  margin-top: 2rem;
}
.key-events ul {
  padding-left: 1.25rem;
}
.entry {
  border-left: 3px solid var(--rule);
  padding: 0.25rem 0 0.25rem 1rem;
  margin-block: 1.5rem;
}
.entry.key {
  border-left-color: var(--fg);
}
.entry.pinned {
  border-left-color: var(--link);
  background: color-mix(in srgb, var(--link) 6%, transparent);
}
.entry h3 {
  margin: 0.25rem 0;
}
.search-form {
  margin-bottom: 1.5rem;
}
.search-box {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.5rem;
}
.search-box input {
  flex: 1 1 14rem;
}
.search-form input,
.search-form select,
.search-form button {
  font: inherit;
  padding: 0.45rem 0.6rem;
  border: 1px solid var(--muted);
  border-radius: 0.3rem;
  background: var(--bg);
  color: var(--fg);
}
.search-form button {
  background: var(--fg);
  color: var(--bg);
  cursor: pointer;
}
.search-form :is(select, summary):focus-visible {
  outline: 3px solid var(--focus);
  outline-offset: 2px;
}
.search-filters {
  border: 1px solid var(--rule);
  border-radius: 0.4rem;
  margin: 0.75rem 0 0;
}
.search-filters > summary {
  list-style: none;
  cursor: pointer;
  font-weight: 600;
  min-height: 2.75rem;
  padding: 0.6rem 1rem;
  border-radius: 0.4rem;
}
.search-filters > summary::-webkit-details-marker {
  display: none;
}
.search-filters > summary::before {
  content: "";
  display: inline-block;
  width: 0.45em;
  height: 0.45em;
  margin: 0 0.7em 0.15em 0.1em;
  border-right: 2px solid currentColor;
  border-bottom: 2px solid currentColor;
  transform: rotate(-45deg);
}
.search-filters[open] > summary::before {
  transform: rotate(45deg);
}
.search-filters[open] > summary {
  border-bottom: 1px solid var(--rule);
  border-end-start-radius: 0;
  border-end-end-radius: 0;
}
.search-filters-applied {
  font-weight: 400;
  color: var(--muted);
}
.search-filters fieldset {
  display: flex;
  flex-wrap: wrap;
  gap: 0.75rem 1.25rem;
  min-width: 0;
  border: 0;
  margin: 0;
  padding: 0.75rem 1rem;
}
/* The summary names the panel on a phone; the legend still names the group for a screen reader. */
.search-filters legend {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}
/* Wide screens have room for the filters: always shown, as a bordered group, no toggle.
   Browsers that cannot show a closed disclosure's content keep the toggle. */
@media (min-width: 48rem) {
  @supports selector(::details-content) {
    .search-filters {
      border: 0;
    }
    .search-filters::details-content {
      content-visibility: visible;
    }
    .search-filters > summary {
      display: none;
    }
    .search-filters fieldset {
      border: 1px solid var(--rule);
      border-radius: 0.4rem;
    }
    .search-filters legend {
      position: static;
      width: auto;
      height: auto;
      overflow: visible;
      clip-path: none;
      white-space: normal;
    }
  }
}
.search-filters p {
  margin: 0;
  display: flex;
  flex: 1 1 8rem;
  min-width: 0;
  flex-direction: column;
  gap: 0.25rem;
}
.search-filters :is(select, input) {
  width: 100%;
  min-width: 0;
}
@media (min-width: 60rem) {
  .river.search-results {
    display: block;
  }
  .river.search-results li:first-child :is(h2, h3) {
    font-size: 1.25rem;
  }
}
mark {
  background: #fff3a3;
  color: #1a1a1a;
  padding: 0 0.1em;
}
.timeline {
  margin: 1rem 0;
  color: var(--muted);
}
.timeline svg {
  display: block;
  width: 100%;
  max-width: 40rem;
  height: auto;
}
/* Scaled with a phone-wide drawing, the end dates are ~8 px: the caption says them anyway. */
@media (max-width: 30rem) {
  .timeline text {
    display: none;
  }
}
.site-name-heading {
  font-size: 1rem;
  margin: 0;
  line-height: inherit;
  letter-spacing: inherit;
}
.developing {
  border-left: 4px solid var(--accent);
  padding: 0.5rem 0.75rem;
  margin: 1rem 0;
}
.developing p {
  margin: 0;
}
.developing strong {
  color: var(--accent);
  text-transform: uppercase;
  letter-spacing: 0.04em;
  font-size: 0.85rem;
  margin-right: 0.4rem;
}
.developing a {
  font-weight: 600;
}
.developing .meta-line {
  display: block;
}
/* Breaking alerts (issue 12, point 7): a band under the masthead on every reader page. */
.breaking {
  background: var(--accent);
  color: var(--bg);
}
.breaking-inner {
  max-width: 64rem;
  margin: 0 auto;
  padding: 0.6rem 1rem;
}
.breaking-label {
  text-transform: uppercase;
  letter-spacing: 0.04em;
  font-size: 0.85rem;
  margin-right: 0.5rem;
}
.breaking a {
  color: var(--bg);
  font-weight: 600;
}
.breaking a:focus-visible {
  outline: 3px solid var(--bg);
  outline-offset: 2px;
}
.live-closed {
  border-left: 4px solid var(--muted);
  padding: 0.5rem 0.75rem;
}
/* Corrections that travel: the dated notice on a corrected article. */
.correction-notice {
  border: 1px solid var(--rule);
  border-left: 4px solid var(--accent);
  padding: 0.5rem 0.75rem;
  margin: 1rem 0;
}
.correction-notice h2 {
  font-size: 1rem;
  margin: 0 0 0.25rem;
}
.correction-notice ul {
  list-style: none;
  margin: 0;
  padding: 0;
}
.correction-notice li + li {
  border-top: 1px solid var(--rule);
  margin-top: 0.5rem;
  padding-top: 0.5rem;
}
.correction-notice time {
  color: var(--muted);
  font-size: 0.875rem;
}
.correction-notice p {
  margin: 0.25rem 0 0;
}

/* Live updates (live-client/): overlays that never move the page — the "N new stories" and
   "N new updates" bars at the top of the window, a breaking alert that arrives while the page
   is open at its foot — plus the notices an open article receives. */
.live-sr {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}
.live-bar {
  position: fixed;
  top: 0.75rem;
  left: 50%;
  transform: translateX(-50%);
  z-index: 20;
  max-width: calc(100vw - 2rem);
  padding: 0.5rem 1.1rem;
  border: 0;
  border-radius: 999px;
  background: var(--link);
  color: var(--bg);
  font: inherit;
  font-weight: 600;
  box-shadow: 0 2px 10px rgb(0 0 0 / 0.3);
  cursor: pointer;
}
div.live-bar {
  cursor: default;
}
.live-bar .live-action {
  margin-left: 0.5rem;
  color: var(--link);
  background: var(--bg);
  border-color: var(--bg);
}
.live-action {
  font: inherit;
  padding: 0.15rem 0.6rem;
  border: 1px solid var(--link);
  border-radius: 0.25rem;
  background: transparent;
  color: var(--link);
  cursor: pointer;
}
.breaking.live-arrived {
  position: fixed;
  inset: auto 0 0;
  z-index: 20;
  box-shadow: 0 -2px 10px rgb(0 0 0 / 0.3);
}
/* The dismiss button comes with the script: it must not make the banner taller, or the page
   would move when the script runs. */
.breaking-inner:has(.breaking-dismiss) {
  display: flex;
  align-items: center;
}
.breaking-dismiss {
  margin: -0.75rem 0 -0.75rem auto;
  min-width: 2.75rem;
  min-height: 2.75rem;
  border: 0;
  background: transparent;
  color: inherit;
  font-size: 1.5rem;
  line-height: 1;
  cursor: pointer;
}
.live-notice {
  border-left: 4px solid var(--accent);
  padding: 0.5rem 0.75rem;
  margin-block: 1rem;
  background: color-mix(in srgb, var(--accent) 8%, transparent);
}
.live-notice p {
  margin: 0;
}
.live-new {
  animation: live-in 0.6s ease-out;
}
@keyframes live-in {
  from {
    background: color-mix(in srgb, var(--link) 18%, transparent);
  }
}
@media (prefers-reduced-motion: reduce) {
  .live-new {
    animation: none;
  }
}
.push-offer {
  margin: 0.75rem 0 0;
}
.push-toggle {
  min-height: 2.75rem;
}
.push-toggle:disabled {
  cursor: progress;
  opacity: 0.7;
}
.push-status:not(:empty) {
  display: inline-block;
  margin-top: 0.25rem;
}
`;
