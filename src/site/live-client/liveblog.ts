import type { LiveEntry, LivePayloads } from "../../domain/live-event.ts";
import { announce, el, timeElement } from "./dom.ts";
import { appliedWhileHidden, setCount } from "./title-count.ts";

/**
 * A live blog's open page: entries appear, change and disappear in place, the key events
 * and the pinned entry follow. A new entry goes in at the top of the stream when the reader
 * is there; once they have scrolled into the stream (or are on an older page) it waits,
 * hidden, behind a "N new updates" toast, so what they are reading does not move.
 */
export class LiveblogPage {
  private readonly hidden = new Set<number>();
  private toast: HTMLButtonElement | null = null;

  private constructor(
    private readonly section: HTMLElement,
    private readonly stream: HTMLElement,
  ) {}

  static find(): LiveblogPage | null {
    const stream = document.getElementById("live-entries");
    const section = stream?.closest<HTMLElement>("section.live");
    return stream && section ? new LiveblogPage(section, stream) : null;
  }

  private get path(): string {
    return location.pathname;
  }

  /** An older page (`?before=`, `?entry=`): the newest entries are not on it. */
  private get latest(): boolean {
    const query = new URLSearchParams(location.search);
    return !query.has("before") && !query.has("entry");
  }

  posted(entry: LiveEntry): void {
    if (this.entryElement(entry.id)) {
      this.edited(entry);
      return;
    }
    if (!this.latest) {
      this.hidden.add(entry.id);
      this.showToast();
      return;
    }
    const node = this.render(entry, false);
    this.stream.querySelector(":scope > p.meta-line")?.remove();
    const away = this.stream.getBoundingClientRect().top < 0;
    if (away) {
      node.hidden = true;
      this.hidden.add(entry.id);
    }
    this.stream.prepend(node);
    this.keyEvent(entry);
    this.pin(entry);
    if (away) this.showToast();
    else announce(entry.title ?? "New update");
    appliedWhileHidden();
  }

  edited(entry: LiveEntry): void {
    const old = this.entryElement(entry.id);
    if (old) {
      const node = this.render(entry, false);
      node.hidden = old.hidden;
      old.replaceWith(node);
    }
    this.keyEvent(entry);
    this.pin(entry);
    appliedWhileHidden();
  }

  deleted(entryId: number): void {
    this.entryElement(entryId)?.remove();
    this.pinnedElement(entryId)?.remove();
    this.keyEventItem(entryId)?.remove();
    this.tidyKeyEvents();
    if (this.hidden.delete(entryId)) this.showToast();
    appliedWhileHidden();
  }

  changed(state: LivePayloads["liveblog.changed"]): void {
    if (state.closedAt && !this.section.querySelector(".live-ended")) {
      const heading = this.section.querySelector("h2");
      if (heading) heading.textContent = "Updates";
      const ended = el(
        "p",
        "live-ended",
        "This live blog has ended: its last update was posted before ",
      );
      ended.append(timeElement(state.closedAt), ".");
      heading?.after(ended);
      const badge = document.querySelector(".live-badge");
      if (badge) {
        badge.textContent = "Ended";
        badge.classList.add("ended");
      }
    }
    for (const pinned of this.section.querySelectorAll<HTMLElement>("article.entry.pinned")) {
      if (Number(pinned.dataset.entry) !== state.pinnedEntryId) pinned.remove();
    }
  }

  private entryElement(id: number): HTMLElement | null {
    return document.getElementById(`entry-${id}`);
  }

  private pinnedElement(id: number): HTMLElement | null {
    return this.section.querySelector(`article.entry.pinned[data-entry="${id}"]`);
  }

  private keyEventItem(id: number): HTMLLIElement | null {
    return (
      this.section
        .querySelector(`.key-events a[href="#entry-${id}"]`)
        ?.closest<HTMLLIElement>("li") ?? null
    );
  }

  private pin(entry: LiveEntry): void {
    const old = this.pinnedElement(entry.id);
    if (!entry.pinned) {
      old?.remove();
      return;
    }
    const node = this.render(entry, true);
    if (old) old.replaceWith(node);
    else this.stream.before(node);
  }

  private keyEvent(entry: LiveEntry): void {
    const old = this.keyEventItem(entry.id);
    if (!entry.keyEvent) {
      old?.remove();
      this.tidyKeyEvents();
      return;
    }
    const li = el("li");
    const link = el("a");
    link.href = `#entry-${entry.id}`;
    link.append(timeElement(entry.postedAt), entry.title ? ` ${entry.title}` : "");
    li.append(link);
    if (old) {
      old.replaceWith(li);
      return;
    }
    let nav = this.section.querySelector<HTMLElement>("nav.key-events");
    if (!nav) {
      nav = el("nav", "key-events");
      nav.setAttribute("aria-label", "Key events");
      nav.append(el("h3", undefined, "Key events"), el("ul"));
      const firstPinned = this.section.querySelector("article.entry.pinned");
      (firstPinned ?? this.stream).before(nav);
    }
    nav.querySelector("ul")?.prepend(li);
  }

  private tidyKeyEvents(): void {
    const nav = this.section.querySelector("nav.key-events");
    if (nav && !nav.querySelector("li")) nav.remove();
  }

  /** The server's markup for an entry (liveblog-entries.tsx): title as text, body as HTML. */
  private render(entry: LiveEntry, pinned: boolean): HTMLElement {
    const node = el("article", pinned ? "entry pinned" : entry.keyEvent ? "entry key" : "entry");
    node.dataset.entry = String(entry.id);
    const titleId = `entry-${entry.id}-title${pinned ? "-pinned" : ""}`;
    if (!pinned) node.id = `entry-${entry.id}`;
    if (entry.title) node.setAttribute("aria-labelledby", titleId);
    const meta = el(
      "p",
      "meta-line",
      pinned ? "Pinned · " : entry.keyEvent ? "Key event · " : null,
    );
    const permalink = el("a", "permalink");
    permalink.href = `${this.path}?entry=${entry.id}#entry-${entry.id}`;
    permalink.append(timeElement(entry.postedAt));
    meta.append(permalink);
    if (entry.byline) meta.append(` · ${entry.byline}`);
    node.append(meta);
    if (entry.title) {
      const title = el("h3", undefined, entry.title);
      title.id = titleId;
      node.append(title);
    }
    const body = el("div", "body");
    // Sanitized by the server when it was stored: the one HTML a payload carries.
    body.innerHTML = entry.bodyHtml;
    node.append(body);
    return node;
  }

  private showToast(): void {
    const n = this.hidden.size;
    setCount("entries", n);
    if (n === 0) {
      this.toast?.remove();
      this.toast = null;
      return;
    }
    if (!this.toast) {
      this.toast = el("button", "live-bar");
      this.toast.type = "button";
      this.toast.addEventListener("click", () => this.reveal());
      document.body.append(this.toast);
    }
    const label = n === 1 ? "1 new update" : `${n} new updates`;
    this.toast.textContent = `↑ ${label}`;
    announce(label);
  }

  private reveal(): void {
    if (!this.latest) {
      location.assign(this.path);
      return;
    }
    for (const id of this.hidden) {
      const node = this.entryElement(id);
      if (node) node.hidden = false;
    }
    this.hidden.clear();
    this.showToast();
    this.section.scrollIntoView({ block: "start" });
    this.stream.querySelector<HTMLElement>("article.entry a")?.focus({ preventScroll: true });
  }
}
