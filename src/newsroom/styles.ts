/**
 * The newsroom's stylesheet, on top of the site's (its colours, type and dark scheme).
 * Phone first: one column, full-width controls; tables scroll inside their own box.
 */
export const NEWSROOM_CSS = `
.nr-bar { border-bottom: 1px solid var(--rule); background: var(--bg); }
.nr-bar-inner { max-width: 72rem; margin: 0 auto; padding: 0.5rem 1rem; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: center; }
.nr-brand { font-weight: 700; color: var(--fg); text-decoration: none; margin-right: auto; }
.nr-nav { display: flex; flex-wrap: wrap; gap: 0.25rem 0.9rem; }
.nr-nav a[aria-current="page"] { font-weight: 700; color: var(--fg); }
.nr-who { color: var(--muted); font-size: 0.9rem; display: flex; gap: 0.5rem; align-items: center; }
.nr-main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
.nr-main h1 { font-size: 1.6rem; margin: 0.5rem 0 1rem; }
.nr-narrow { max-width: 28rem; }
.nr-form { display: grid; gap: 0.9rem; }
.nr-form label { display: grid; gap: 0.25rem; font-weight: 600; }
.nr-form .hint { font-weight: 400; color: var(--muted); font-size: 0.9rem; }
input[type="text"], input[type="email"], input[type="password"], input[type="url"], input[type="datetime-local"], input[type="number"], input[type="search"], select, textarea {
  font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--muted); border-radius: 4px; padding: 0.5rem; width: 100%;
}
textarea { min-height: 12rem; line-height: 1.5; }
select:focus-visible, textarea:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
button, .nr-button { font: inherit; cursor: pointer; border: 1px solid var(--link); background: var(--link); color: var(--bg); border-radius: 4px; padding: 0.45rem 0.9rem; text-decoration: none; display: inline-block; }
button.secondary, .nr-button.secondary { background: transparent; color: var(--link); }
button.danger { background: var(--accent); border-color: var(--accent); color: var(--bg); }
button.link { background: none; border: none; color: var(--link); padding: 0; text-decoration: underline; }
.nr-inline { display: inline; margin: 0; }
.nr-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.nr-error { border-left: 4px solid var(--accent); padding: 0.5rem 0.75rem; margin: 0 0 1rem; }
.nr-notice { border-left: 4px solid var(--link); padding: 0.5rem 0.75rem; margin: 0 0 1rem; }
.nr-table-wrap { overflow-x: auto; }
.nr-table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
.nr-table th, .nr-table td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
.nr-muted { color: var(--muted); }
.nr-badge { display: inline-block; font-size: 0.8rem; padding: 0 0.4rem; border: 1px solid var(--muted); border-radius: 3px; }
.nr-cards { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); padding: 0; list-style: none; }
.nr-cards li { border: 1px solid var(--rule); border-radius: 6px; padding: 0.75rem; }
.nr-cards h2 { font-size: 1.05rem; margin: 0 0 0.25rem; }
.nr-cards p { margin: 0; color: var(--muted); font-size: 0.9rem; }
@media (min-width: 48rem) { .nr-main h1 { font-size: 1.9rem; } }
/* Front page and sections (issue 12, point 9) */
.fp-list, .sec-list { padding: 0; list-style: none; display: grid; gap: 0.75rem; }
.fp-story, .sec-item { border: 1px solid var(--rule); border-radius: 6px; padding: 0.6rem 0.75rem; display: grid; gap: 0.5rem; }
.fp-story-head, .sec-head { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: baseline; }
.fp-rank { font-weight: 700; }
.fp-boost, .sec-rename { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin: 0; }
.fp-boost input { width: 5rem; }
.sec-rename input { flex: 1 1 12rem; width: auto; }
.sec-old { margin: 0; font-size: 0.9rem; }
/* People, tokens and the audit log (issue 12, points 1, 11, 12) */
.pp-list { padding: 0; list-style: none; display: grid; gap: 0.75rem; }
.pp-person { border: 1px solid var(--rule); border-radius: 6px; padding: 0.6rem 0.75rem; display: grid; gap: 0.5rem; }
.pp-head { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: baseline; }
.pp-inline { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin: 0; }
.pp-inline select { width: auto; }
.au-filter { grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); align-items: end; margin-bottom: 1rem; }
.tk-times { margin: 0; font-size: 0.9rem; }
.au-changes { margin: 0.4rem 0 0; display: grid; gap: 0.25rem; font-size: 0.9rem; }
.au-changes dt { font-weight: 600; }
.au-changes dd { margin: 0; overflow-wrap: anywhere; }
/* Live-blog console and breaking alerts desk */
.nr-check, .nr-form label.nr-check { display: flex; gap: 0.5rem; align-items: center; font-weight: 400; }
.nr-check input { width: 1.15rem; height: 1.15rem; margin: 0; }
.lb-list, .lb-entries, .al-list, .lb-people { padding: 0; list-style: none; display: grid; gap: 0.75rem; }
.lb-item, .al-item { border: 1px solid var(--rule); border-radius: 6px; padding: 0.6rem 0.75rem; display: grid; gap: 0.4rem; }
.lb-item p, .al-item p { margin: 0; }
.lb-head, .al-head { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: baseline; }
.lb-crumbs { margin: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 0.4rem; align-items: baseline; }
.lb-console { display: grid; gap: 1.5rem; }
.lb-console h2 { font-size: 1.2rem; margin: 0.5rem 0; }
.lb-stream > section + section, .lb-side > section + section { margin-top: 1.75rem; }
.lb-new textarea { min-height: 8rem; }
.lb-entry { border-left: 3px solid var(--rule); padding: 0.25rem 0 0.5rem 0.75rem; display: grid; gap: 0.4rem; }
.lb-entry.key { border-left-color: var(--fg); }
.lb-entry.pinned { border-left-color: var(--link); }
.lb-entry h3 { margin: 0.25rem 0; font-size: 1.05rem; }
.lb-entry .body > :first-child { margin-top: 0; }
.lb-meta { margin: 0; font-size: 0.9rem; display: flex; flex-wrap: wrap; gap: 0.25rem 0.4rem; align-items: baseline; }
.lb-edit, .lb-delete { flex: 1 1 100%; }
.lb-edit[open], .lb-delete[open] { border: 1px solid var(--rule); border-radius: 6px; padding: 0.5rem; }
.lb-edit summary, .lb-delete summary { cursor: pointer; color: var(--link); width: max-content; }
.lb-delete form { display: block; margin-top: 0.5rem; }
.lb-assign { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin-top: 0.5rem; }
.lb-assign select { flex: 1 1 12rem; width: auto; }
.lb-people li { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: baseline; }
.al-state-live { border-color: var(--accent); color: var(--accent); font-weight: 700; }
.al-meta { overflow-wrap: anywhere; font-size: 0.9rem; }
@media (min-width: 60rem) {
  .lb-console { grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr); align-items: start; }
}
/* Wire desk, leads and sources admin */
.nr-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.wd-filter { grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); align-items: end; margin-bottom: 1rem; }
.wd-list, .sa-list, .wd-finding-list { padding: 0; list-style: none; display: grid; gap: 0.6rem; }
.wd-item, .sa-item, .wd-finding { border: 1px solid var(--rule); border-radius: 6px; padding: 0.6rem 0.75rem; display: grid; gap: 0.35rem; min-width: 0; }
.wd-item-held { border-left: 4px solid var(--accent); }
.wd-head { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: baseline; }
.wd-meta, .sa-url { margin: 0; font-size: 0.9rem; overflow-wrap: anywhere; }
.wd-held { border-color: var(--accent); color: var(--accent); font-weight: 700; }
.wd-pages { display: flex; gap: 1rem; margin: 1rem 0; }
.wd-decide { margin: 0.75rem 0 1rem; }
.wd-item-page { display: grid; gap: 1.5rem; }
.wd-text p { line-height: 1.6; overflow-wrap: anywhere; }
.wd-text mark { background: #fff2a8; color: #000; padding: 0 0.1em; border-radius: 2px; }
.wd-ref { font-size: 0.75em; vertical-align: super; margin-left: 0.15em; color: #00468c; }
.wd-standfirst { font-weight: 600; }
.wd-finding p { margin: 0; overflow-wrap: anywhere; }
.wd-finding-head { font-weight: 600; }
.wd-quote span { background: #fff2a8; color: #000; }
.wd-replace { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin: 0; }
.wd-replace input { flex: 1 1 12rem; width: auto; }
.sa-health { display: grid; gap: 0.25rem 1rem; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); margin: 0; font-size: 0.9rem; }
.sa-health dt { font-weight: 600; }
.sa-health dd { margin: 0; overflow-wrap: anywhere; }
.sa-spark { color: var(--link); display: block; }
@media (min-width: 60rem) {
  .wd-item-page { grid-template-columns: minmax(0, 3fr) minmax(18rem, 2fr); align-items: start; }
}
/* Wire desk, leads and sources admin */
.nr-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.wd-filter { grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); align-items: end; margin-bottom: 1rem; }
.wd-list, .sa-list, .wd-finding-list { padding: 0; list-style: none; display: grid; gap: 0.6rem; }
.wd-item, .sa-item, .wd-finding { border: 1px solid var(--rule); border-radius: 6px; padding: 0.6rem 0.75rem; display: grid; gap: 0.35rem; min-width: 0; }
.wd-item-held { border-left: 4px solid var(--accent); }
.wd-head { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: baseline; }
.wd-meta, .sa-url { margin: 0; font-size: 0.9rem; overflow-wrap: anywhere; }
.wd-held { border-color: var(--accent); color: var(--accent); font-weight: 700; }
.nr-form .wd-check label { display: flex; gap: 0.4rem; align-items: center; padding-bottom: 0.5rem; }
.wd-check input { width: auto; margin: 0; }
.wd-pages { display: flex; gap: 1rem; margin: 1rem 0; }
.wd-decide { margin: 0.75rem 0 1rem; }
.wd-item-page { display: grid; gap: 1.5rem; }
.wd-text p { line-height: 1.6; overflow-wrap: anywhere; }
.wd-text mark { background: #fff2a8; color: #000; padding: 0 0.1em; border-radius: 2px; }
.wd-ref { font-size: 0.75em; vertical-align: super; margin-left: 0.15em; color: #00468c; }
.wd-standfirst { font-weight: 600; }
.wd-finding p { margin: 0; overflow-wrap: anywhere; }
.wd-finding-head { font-weight: 600; }
.wd-quote span { background: #fff2a8; color: #000; }
.wd-replace { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin: 0; }
.wd-replace input { flex: 1 1 12rem; width: auto; }
.sa-health { display: grid; gap: 0.25rem 1rem; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); margin: 0; font-size: 0.9rem; }
.sa-health dt { font-weight: 600; }
.sa-health dd { margin: 0; overflow-wrap: anywhere; }
.sa-spark { color: var(--link); display: block; }
@media (min-width: 60rem) {
  .wd-item-page { grid-template-columns: minmax(0, 3fr) minmax(18rem, 2fr); align-items: start; }
}
/* Articles: list, editor, conflict, history, corrections (issue 12, points 3-5) */
.ar-crumbs { margin: 0; font-size: 0.9rem; }
.ar-state, .ar-presence { margin: 0 0 0.5rem; font-size: 0.95rem; overflow-wrap: anywhere; }
.ar-presence { color: var(--muted); }
.ar-links { margin: 0 0 1rem; }
.ar-layout { display: grid; gap: 1.5rem; min-width: 0; }
.ar-main, .ar-side { display: grid; gap: 1.25rem; align-content: start; min-width: 0; }
.ar-row { display: grid; gap: 0.9rem; }
.ar-body { min-height: 24rem; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.95rem; }
.ar-short { min-height: 4.5rem; }
.nr-form input, .nr-form select, .nr-form textarea { font-weight: 400; }
.nr-form fieldset { border: 1px solid var(--rule); border-radius: 6px; padding: 0.75rem; display: grid; gap: 0.75rem; min-width: 0; margin: 0; }
.nr-form legend { font-weight: 700; padding: 0 0.25rem; }
.ar-thumb { max-width: 12rem; height: auto; border-radius: 4px; }
.ar-findings, .ar-workflow { border: 1px solid var(--rule); border-radius: 6px; padding: 0.75rem; display: grid; gap: 0.6rem; min-width: 0; }
.ar-findings h2, .ar-workflow h2, .hi-list h2 { font-size: 1.1rem; margin: 0; }
.ar-workflow p { margin: 0; }
.ar-workflow form { margin: 0; }
.ar-finding-list, .ar-list, .hi-list, .co-list { padding: 0; margin: 0; list-style: none; display: grid; gap: 0.6rem; }
.ar-finding, .ar-item, .hi-item, .co-list li { border: 1px solid var(--rule); border-radius: 6px; padding: 0.6rem 0.75rem; display: grid; gap: 0.35rem; min-width: 0; }
.ar-finding p, .hi-item p, .co-list p { margin: 0; overflow-wrap: anywhere; }
.ar-error { border-left: 4px solid var(--accent); }
.ar-warning { border-left: 4px solid var(--link); }
.ar-finding-head { font-weight: 600; }
.ar-quote q { background: #fff2a8; color: #000; }
.fix-form { margin: 0; }
.fix-form button { white-space: normal; text-align: left; }
.ar-check { display: flex; gap: 0.5rem; align-items: flex-start; }
.ar-check input { width: auto; margin-top: 0.3rem; }
.ar-kill { display: grid; gap: 0.5rem; border-top: 1px solid var(--rule); padding-top: 0.6rem; }
.ar-kill button { justify-self: start; }
.ar-item-title { font-weight: 700; }
.ar-list-top { margin-bottom: 1rem; }
.ar-diff { margin: 1rem 0; min-width: 0; }
.ar-diff h3 { font-size: 1rem; margin: 0 0 0.4rem; }
.ar-diff-cols { display: grid; gap: 0.75rem; }
.ar-diff-cols > div { border: 1px solid var(--rule); border-radius: 6px; padding: 0.5rem 0.75rem; min-width: 0; }
.ar-diff-who { margin: 0 0 0.25rem; font-size: 0.85rem; color: var(--muted); }
.ar-diff-text { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; line-height: 1.5; }
.ar-diff-text ins { background: #d7f5dd; color: #05300f; text-decoration: underline; }
.ar-diff-text del { background: #fbe1e1; color: #5c0606; text-decoration: line-through; }
.ar-conflict-actions, .ar-merge { margin: 1rem 0; }
.hi-pick { grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); align-items: end; margin-bottom: 1rem; }
.hi-head { font-size: 0.95rem; }
.hi-headline { font-weight: 600; }
.co-article { overflow-wrap: anywhere; }
.co-list time { color: var(--muted); font-size: 0.9rem; }
@media (min-width: 48rem) {
  .ar-row { grid-template-columns: 1fr 1fr; }
  .ar-diff-cols { grid-template-columns: 1fr 1fr; }
}
@media (min-width: 64rem) {
  .ar-layout { grid-template-columns: minmax(0, 2fr) minmax(18rem, 1fr); align-items: start; }
}
`;
