/**
 * The live client: every reader page that embeds `<meta name="dispatch-live">` listens, from
 * exactly the event its page reflects, to its channels, over the one stream its browser
 * shares between tabs (shared-stream.ts), and applies each change in place. Payload text
 * goes in as text; the only HTML is an entry's `bodyHtml`, sanitized when it was stored.
 * Without this script every page still reads: it only brings it up to date.
 */
import { LIVE_META_NAME, type LiveEvent, parseLiveId } from "../../domain/live-event.ts";
import { ArticleNotices } from "./article-notices.ts";
import { BreakingBanner } from "./breaking-banner.ts";
import type { Position } from "./connection.ts";
import { el } from "./dom.ts";
import { LiveblogPage } from "./liveblog.ts";
import { offerPushAlerts } from "./push-button.ts";
import { NewStories } from "./river.ts";
import { joinSharedStream } from "./shared-stream.ts";
import { StoryCoverage } from "./story-coverage.ts";

function start(): void {
  const meta = document.querySelector<HTMLMetaElement>(`meta[name="${LIVE_META_NAME}"]`);
  const stamp = meta ? parseLiveId(meta.content) : null;
  if (!meta || !stamp) return;
  const channels = (meta.dataset.channels ?? "").split(" ").filter(Boolean);
  const listening = new Set(channels);
  let position: Position = stamp;

  const river = NewStories.find();
  const story = StoryCoverage.find(channels);
  const liveblog = LiveblogPage.find();
  const article = ArticleNotices.find();
  const banner = new BreakingBanner();

  const apply = (event: LiveEvent): void => {
    switch (event.type) {
      case "article.published":
        river?.published(event.payload);
        story?.report(event.payload);
        break;
      case "article.updated":
        river?.updated(event.payload);
        story?.report(event.payload);
        if (event.channel.startsWith("article:")) article?.updated();
        break;
      case "article.corrected":
        article?.corrected(event.payload);
        break;
      case "article.killed":
        river?.killed(event.payload.articleId, event.payload.url);
        if (event.channel.startsWith("article:")) article?.killed();
        break;
      case "story.changed":
        story?.changed(event.payload);
        break;
      case "story.merged":
        story?.merged(event.payload);
        break;
      case "entry.posted":
        liveblog?.posted(event.payload);
        break;
      case "entry.edited":
        liveblog?.edited(event.payload);
        break;
      case "entry.deleted":
        liveblog?.deleted(event.payload.entryId);
        break;
      case "liveblog.changed":
        liveblog?.changed(event.payload);
        break;
      case "alert.sent":
        banner.sent(event.payload);
        break;
      case "alert.withdrawn":
        banner.withdrawn(event.payload.alertId);
        break;
    }
  };

  joinSharedStream({
    channels,
    position: () => position,
    event(event) {
      // The shared stream carries every tab's channels, and replays what a joining tab missed.
      if (event.id <= position.id) return;
      position = { epoch: position.epoch, id: event.id };
      if (event.channel && !listening.has(event.channel)) return;
      apply(event);
    },
    resync: showResync,
  });
}

/**
 * The log no longer reaches back to this page (restored, reset, or the tab slept past the
 * retention). Not a silent refetch: the page's own markup is the server's, and swapping it
 * under the reader would lose their place; a polite offer to reload keeps them in charge.
 */
function showResync(): void {
  if (document.querySelector(".live-resync")) return;
  const notice = el("div", "live-bar live-resync");
  notice.setAttribute("role", "status");
  const button = el("button", "live-action", "Reload");
  button.type = "button";
  button.addEventListener("click", () => location.reload());
  notice.append("This page has been updated. ", button);
  document.body.append(notice);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
// Breaking news by Web Push is offered on every page the script runs on, live or not.
if (document.readyState === "loading")
  document.addEventListener("DOMContentLoaded", offerPushAlerts);
else offerPushAlerts();
