/**
 * The site's only script, progressive: times in lists (`<time data-relative>`) read "5 min
 * ago" and stay current while the page is open. Without it the server's absolute times
 * stand. The phrases come from the page (the script tag's `data-rt`, made on the server in the site
 * locale); Intl.RelativeTimeFormat only for locales with richer plurals. Kept as a string
 * like the stylesheet: a few lines do not need a bundler.
 */
export const CLIENT_JS = `(() => {
  let phrases = {};
  const own = document.currentScript;
  try { phrases = JSON.parse((own && own.dataset.rt) || "{}"); } catch {}
  let rtf = null;
  const units = [["day", 86400], ["hour", 3600], ["minute", 60]];
  function say(n, unit) {
    if (phrases.now) {
      if (n === 0) return phrases.now;
      return n === 1 ? phrases[unit + "1"] : phrases[unit].replace("{n}", String(n));
    }
    rtf = rtf || new Intl.RelativeTimeFormat(document.documentElement.lang || undefined, { numeric: "auto", style: "short" });
    return rtf.format(-n, unit);
  }
  function label(seconds) {
    if (seconds < 45) return say(0, "second");
    for (const [unit, size] of units) {
      if (seconds >= size) return say(Math.floor(seconds / size), unit);
    }
    return say(1, "minute");
  }
  function update(el, now) {
    const at = Date.parse(el.getAttribute("datetime") || "");
    const seconds = (now - at) / 1000;
    if (!Number.isFinite(seconds) || seconds < 0 || seconds > 7 * 86400) return;
    if (!el.title) el.title = el.textContent || "";
    const text = label(seconds);
    if (el.textContent !== text) el.textContent = text;
  }
  function refresh() {
    const now = Date.now();
    for (const el of document.querySelectorAll("time[data-relative]")) update(el, now);
  }
  refresh();
  setInterval(refresh, 30000);
  // Items the live client adds read like their neighbours at once, not after the next tick.
  if (typeof MutationObserver === "function") {
    new MutationObserver((records) => {
      const now = Date.now();
      for (const r of records) for (const node of r.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches("time[data-relative]")) update(node, now);
        for (const el of node.querySelectorAll("time[data-relative]")) update(el, now);
      }
    }).observe(document.body, { childList: true, subtree: true });
  }
})();
`;
