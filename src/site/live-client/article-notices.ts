import type { LivePayloads } from "../../domain/live-event.ts";
import { announce, el, timeElement } from "./dom.ts";
import { appliedWhileHidden } from "./title-count.ts";

/**
 * An open article: a correction shows at once where the server puts it (under the byline,
 * before the body), a kill says the article has been withdrawn, an update offers a reload.
 */
export class ArticleNotices {
  private constructor(private readonly article: HTMLElement) {}

  static find(): ArticleNotices | null {
    const article = document.querySelector<HTMLElement>("main article.article");
    return article ? new ArticleNotices(article) : null;
  }

  corrected(payload: LivePayloads["article.corrected"]): void {
    const { correction } = payload;
    if (document.getElementById(`correction-${correction.id}`)) return;
    let notice = this.article.querySelector<HTMLElement>("section.correction-notice");
    if (!notice) {
      notice = el("section", "correction-notice");
      notice.setAttribute("aria-labelledby", "corrections-heading");
      const heading = el("h2");
      heading.id = "corrections-heading";
      notice.append(heading, el("ul"));
      const meta = this.article.querySelector(":scope > p.meta");
      if (meta) meta.after(notice);
      else this.article.querySelector("h1")?.after(notice);
    }
    const li = el("li", "live-new");
    li.id = `correction-${correction.id}`;
    li.append(timeElement(correction.createdAt), el("p", undefined, correction.text));
    notice.querySelector("ul")?.prepend(li);
    const count = notice.querySelectorAll("li").length;
    const heading = notice.querySelector("h2");
    if (heading) heading.textContent = count === 1 ? "Correction" : `Corrections (${count})`;
    announce(`Correction: ${correction.text}`);
    appliedWhileHidden();
  }

  killed(): void {
    this.notice("live-notice killed", "This article has been withdrawn by the newsroom.", false);
  }

  updated(): void {
    this.notice("live-notice", "This article has been updated.", true);
  }

  /** One notice at a time, at the top of the article; a kill outranks an update. */
  private notice(className: string, text: string, reload: boolean): void {
    const old = this.article.querySelector(".live-notice");
    if (old?.classList.contains("killed")) return;
    const notice = el("div", className);
    notice.setAttribute("role", reload ? "status" : "alert");
    notice.append(el("p", undefined, text));
    if (reload) {
      const button = el("button", "live-action", "Reload to read it");
      button.type = "button";
      button.addEventListener("click", () => location.reload());
      notice.querySelector("p")?.append(" ", button);
    }
    if (old) old.replaceWith(notice);
    else this.article.prepend(notice);
    appliedWhileHidden();
  }
}
