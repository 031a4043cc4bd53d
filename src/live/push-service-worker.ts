/** Where the service worker is served: at the root, so its scope is the whole site. */
export const PUSH_SW_PATH = "/push-sw.js";

/**
 * The service worker a subscribed browser runs when a push arrives, kept as a string like
 * the site's small script (a few lines need no bundler). Push subscriptions are
 * `userVisibleOnly`: every push must show a notification, so a payload that cannot be read
 * still shows a plain "Breaking news" opening the home page. One tag for all alerts: a
 * newer alert replaces the notification of an older one. A click opens the alert's link,
 * focusing a tab already on it.
 */
export function pushServiceWorker(siteName: string): string {
  return `"use strict";
const SITE = ${JSON.stringify(siteName).replace(/</g, "\\u003c")};
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
function safeUrl(raw) {
  try {
    const url = new URL(typeof raw === "string" ? raw : "/", self.location.origin);
    if (url.origin === self.location.origin || url.protocol === "https:") return url.href;
  } catch (e) {}
  return new URL("/", self.location.origin).href;
}
self.addEventListener("push", (event) => {
  let alert = {};
  try { alert = (event.data && event.data.json()) || {}; } catch (e) {}
  const headline = typeof alert.headline === "string" && alert.headline ? alert.headline : "Breaking news";
  event.waitUntil(self.registration.showNotification(headline, {
    body: SITE + " · Breaking news",
    tag: "breaking",
    renotify: true,
    data: { url: safeUrl(alert.url) },
  }));
});
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = safeUrl(event.notification.data && event.notification.data.url);
  event.waitUntil(self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((tabs) => {
    for (const tab of tabs) if (tab.url === target && "focus" in tab) return tab.focus();
    return self.clients.openWindow(target);
  }));
});
`;
}
