import { el } from "./dom.ts";

// The server's paths (src/live/web-push-routes.ts, push-service-worker.ts).
const KEY = "/push/key";
const SUBSCRIPTIONS = "/push/subscriptions";
const WORKER = "/push-sw.js";

const ON = "Stop breaking news alerts";
const OFF = "Get breaking news alerts";

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

async function send(method: "POST" | "DELETE", body: unknown): Promise<void> {
  const answer = await fetch(SUBSCRIPTIONS, {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
}

/**
 * Breaking news by Web Push, off until the reader asks: a button in the footer, shown only
 * where the browser can do it (a service worker and PushManager, in a secure context).
 * Asking for permission and subscribing happen on the click, never on load; the key is
 * fetched then too, so a page that is only read costs no request.
 */
export function offerPushAlerts(): void {
  if (!("serviceWorker" in navigator) || !("PushManager" in window)) return;
  if (!("Notification" in window) || !window.isSecureContext) return;
  const footer = document.querySelector(".site-footer");
  if (!footer) return;
  const offer = el("p", "push-offer");
  const button = el("button", "live-action push-toggle", OFF);
  button.type = "button";
  const status = el("span", "push-status");
  status.setAttribute("role", "status");
  offer.append(button, " ", status);
  footer.append(offer);

  let subscription: PushSubscription | null = null;
  const show = (on: boolean, note = "") => {
    button.textContent = on ? ON : OFF;
    status.textContent = note;
  };
  if (Notification.permission === "denied") {
    button.hidden = true;
    show(false, "Breaking news alerts are blocked in this browser's settings.");
  }
  navigator.serviceWorker
    .getRegistration("/")
    .then((registration) => registration?.pushManager.getSubscription() ?? null)
    .then((existing) => {
      subscription = existing;
      if (existing) show(true);
    })
    .catch(() => {});

  async function turnOn(): Promise<void> {
    if ((await Notification.requestPermission()) !== "granted") {
      show(false, "Alerts need permission to show notifications.");
      return;
    }
    const { publicKey } = (await (await fetch(KEY)).json()) as { publicKey: string };
    await navigator.serviceWorker.register(WORKER, { scope: "/" });
    const registration = await navigator.serviceWorker.ready;
    const made = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(publicKey),
    });
    try {
      await send("POST", made.toJSON());
    } catch (error) {
      // Not stored, so never sent to: the browser must not think it is subscribed.
      await made.unsubscribe().catch(() => false);
      throw error;
    }
    subscription = made;
    show(true, "You will get breaking news alerts.");
  }

  async function turnOff(current: PushSubscription): Promise<void> {
    await send("DELETE", { endpoint: current.endpoint });
    await current.unsubscribe();
    subscription = null;
    show(false, "Breaking news alerts are off.");
  }

  button.addEventListener("click", () => {
    button.disabled = true;
    const current = subscription;
    (current ? turnOff(current) : turnOn())
      .catch(() =>
        show(
          subscription !== null,
          current
            ? "Alerts could not be turned off; try again."
            : "Alerts could not be turned on in this browser.",
        ),
      )
      .finally(() => {
        button.disabled = false;
      });
  });
}
