import type { LivePayloads } from "../../domain/live-event.ts";
import { announce, el, pathOf, safeHref } from "./dom.ts";

const DISMISSED = "dispatch-dismissed-alerts";
const KEEP = 20;

function dismissed(): number[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(DISMISSED) ?? "[]");
    return Array.isArray(list) ? list.filter((n): n is number => typeof n === "number") : [];
  } catch {
    return [];
  }
}

function dismiss(id: number): void {
  try {
    localStorage.setItem(DISMISSED, JSON.stringify([id, ...dismissed()].slice(0, KEEP)));
  } catch {
    // Storage refused (private mode, full): dismissed for this page only.
  }
}

/**
 * The breaking banner on every page but its own article's, dismissable, and dismissed for
 * good (localStorage, by alert id). The server renders the one current when the page was
 * made, under the masthead; one that arrives later is laid over the foot of the window, so
 * the page does not move under the reader.
 */
export class BreakingBanner {
  constructor() {
    const banner = document.querySelector<HTMLElement>("section.breaking[data-alert]");
    if (banner) this.decorate(banner, Number(banner.dataset.alert));
  }

  sent(alert: LivePayloads["alert.sent"]): void {
    if (pathOf(alert.url) === location.pathname) return;
    if (dismissed().includes(alert.alertId)) return;
    if (Date.parse(alert.expiresAt) <= Date.now()) return;
    for (const old of document.querySelectorAll("section.breaking")) old.remove();
    const banner = el("section", "breaking live-arrived");
    banner.setAttribute("aria-label", "Breaking news");
    banner.dataset.alert = String(alert.alertId);
    const inner = el("p", "breaking-inner");
    const link = el("a", undefined, alert.headline);
    link.href = safeHref(alert.url);
    inner.append(el("strong", "breaking-label", "Breaking"), " ", link);
    banner.append(inner);
    document.body.append(banner);
    // A region, as the server's banner is; the headline is announced rather than the region made an alert.
    announce(`Breaking: ${alert.headline}`);
    this.decorate(banner, alert.alertId);
  }

  withdrawn(alertId: number): void {
    document.querySelector(`section.breaking[data-alert="${alertId}"]`)?.remove();
  }

  private decorate(banner: HTMLElement, id: number): void {
    if (dismissed().includes(id)) {
      banner.remove();
      return;
    }
    const close = el("button", "breaking-dismiss", "×");
    close.type = "button";
    close.setAttribute("aria-label", "Dismiss breaking news");
    close.addEventListener("click", () => {
      dismiss(id);
      banner.remove();
    });
    banner.querySelector(".breaking-inner")?.append(close);
  }
}
