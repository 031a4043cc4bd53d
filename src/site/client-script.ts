/**
 * The site's only script, progressive: times in lists (`<time data-relative>`) read "5 min
 * ago" in the page's language and stay current while the page is open. Without it the
 * server's absolute times stand. Kept as a string like the stylesheet: a few lines do not
 * need a bundler.
 */
export const CLIENT_JS = `(() => {
  const lang = document.documentElement.lang || undefined;
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: "auto", style: "short" });
  const units = [["day", 86400], ["hour", 3600], ["minute", 60]];
  function label(seconds) {
    if (seconds < 45) return rtf.format(0, "second");
    for (const [unit, size] of units) {
      if (seconds >= size) return rtf.format(-Math.floor(seconds / size), unit);
    }
    return rtf.format(-1, "minute");
  }
  function refresh() {
    const now = Date.now();
    for (const el of document.querySelectorAll("time[data-relative]")) {
      const at = Date.parse(el.getAttribute("datetime") || "");
      const seconds = (now - at) / 1000;
      if (!Number.isFinite(seconds) || seconds < 0 || seconds > 7 * 86400) continue;
      if (!el.title) el.title = el.textContent || "";
      el.textContent = label(seconds);
    }
  }
  refresh();
  setInterval(refresh, 30000);
})();
`;
