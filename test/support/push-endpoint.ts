import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  hkdfSync,
  randomBytes,
  verify,
} from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for a browser vendor's push service (FCM, Mozilla autopush, Apple), on
 * loopback: the real ones cannot be reached from these machines. It does what they do to
 * a message before delivering it, and what the browser does after: checks the VAPID JWT
 * (RFC 8292: ES256 over the key in `k=`, `aud` the endpoint's origin, `exp` in the future
 * and at most 24 h away, `sub` mailto: or https:) and decrypts the aes128gcm body
 * (RFC 8291 + RFC 8188) with the private key of a subscription made here, as a browser
 * would hold it. Each subscription answers 201 unless told to answer something else.
 */
export interface PushEndpoint {
  origin: string;
  /** A new browser subscription: its endpoint here and the keys a browser would send. */
  subscribe(): TestSubscription;
  /** Every message received, checked and decrypted. */
  readonly received: ReceivedPush[];
  close(): Promise<void>;
}

export interface TestSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** The status this endpoint answers (201, or 410 for a browser that unsubscribed…). */
  answer: number;
  /** Milliseconds before answering: a slow push service. */
  delayMs: number;
}

export interface ReceivedPush {
  endpoint: string;
  headers: Record<string, string | undefined>;
  /** The VAPID JWT's claims, its signature verified. */
  claims: { aud: string; exp: number; sub: string };
  vapidPublicKey: string;
  /** The decrypted payload, as the service worker's `event.data.text()` gives it. */
  plaintext: string;
  /** The status this endpoint answered. */
  status: number;
}

interface Held {
  subscription: TestSubscription;
  ecdh: ReturnType<typeof createECDH>;
  auth: Buffer;
}

function p256Key(raw: Buffer) {
  if (raw.length !== 65 || raw[0] !== 4)
    throw new Error("VAPID k is not an uncompressed P-256 point");
  return createPublicKey({
    key: {
      kty: "EC",
      crv: "P-256",
      x: raw.subarray(1, 33).toString("base64url"),
      y: raw.subarray(33).toString("base64url"),
    },
    format: "jwk",
  });
}

/** RFC 8292 §3: `vapid t=<jwt>, k=<public key>`, the JWT signed ES256 by that key. */
export function verifyVapid(
  authorization: string | undefined,
  endpointOrigin: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): { claims: ReceivedPush["claims"]; publicKey: string } {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization ?? "");
  if (!match?.[1] || !match[2]) throw new Error(`not a VAPID Authorization: ${authorization}`);
  const [jwt, k] = [match[1], match[2]];
  const [header64, claims64, signature64] = jwt.split(".");
  if (!header64 || !claims64 || !signature64) throw new Error("malformed JWT");
  const header = JSON.parse(Buffer.from(header64, "base64url").toString("utf8")) as {
    alg?: string;
  };
  if (header.alg !== "ES256") throw new Error(`JWT alg ${header.alg}, not ES256`);
  const signed = verify(
    "sha256",
    Buffer.from(`${header64}.${claims64}`),
    { key: p256Key(Buffer.from(k, "base64url")), dsaEncoding: "ieee-p1363" },
    Buffer.from(signature64, "base64url"),
  );
  if (!signed) throw new Error("the VAPID JWT's signature does not verify with k");
  const claims = JSON.parse(Buffer.from(claims64, "base64url").toString("utf8")) as {
    aud: string;
    exp: number;
    sub: string;
  };
  if (claims.aud !== endpointOrigin) throw new Error(`aud ${claims.aud}, not ${endpointOrigin}`);
  if (!(claims.exp > nowSeconds)) throw new Error("the VAPID JWT has expired");
  if (claims.exp > nowSeconds + 24 * 3600) throw new Error("exp more than 24 h ahead");
  if (!/^(mailto:|https:)/.test(claims.sub)) throw new Error(`sub ${claims.sub}`);
  return { claims, publicKey: k };
}

/** RFC 8291 §3.4 and RFC 8188 §2: one aes128gcm record, decrypted as the browser would. */
export function decryptAes128gcm(
  body: Buffer,
  ecdh: ReturnType<typeof createECDH>,
  authSecret: Buffer,
): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20] ?? 0;
  const senderKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  if (idLength !== 65) throw new Error(`keyid of ${idLength} bytes, not a P-256 key`);
  if (ciphertext.length > recordSize) throw new Error("more than one record");
  const shared = ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), ecdh.getPublicKey(), senderKey]);
  const ikm = Buffer.from(hkdfSync("sha256", shared, authSecret, keyInfo, 32));
  const cek = Buffer.from(
    hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16),
  );
  const nonce = Buffer.from(
    hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12),
  );
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([
    decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
    decipher.final(),
  ]);
  // The last record ends with the delimiter 0x02, then any zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("no last-record delimiter");
  return padded.subarray(0, end).toString("utf8");
}

export async function startPushEndpoint(): Promise<PushEndpoint> {
  const held = new Map<string, Held>();
  const received: ReceivedPush[] = [];
  let origin = "";
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const endpoint = `${origin}${request.url ?? ""}`;
      const holder = held.get(endpoint);
      if (!holder || request.method !== "POST") {
        response.writeHead(404).end();
        return;
      }
      try {
        const vapid = verifyVapid(request.headers.authorization, origin);
        if (request.headers["content-encoding"] !== "aes128gcm") {
          throw new Error(`Content-Encoding ${request.headers["content-encoding"]}`);
        }
        const plaintext = decryptAes128gcm(Buffer.concat(chunks), holder.ecdh, holder.auth);
        const status = holder.subscription.answer;
        received.push({
          endpoint,
          headers: {
            ttl: request.headers.ttl as string | undefined,
            urgency: request.headers.urgency as string | undefined,
            topic: request.headers.topic as string | undefined,
            "content-encoding": request.headers["content-encoding"],
          },
          claims: vapid.claims,
          vapidPublicKey: vapid.publicKey,
          plaintext,
          status,
        });
        setTimeout(() => response.writeHead(status).end(), holder.subscription.delayMs);
      } catch (error) {
        // What a push service says to a bad message: 400 or 403 with the reason.
        response.writeHead(400, { "content-type": "text/plain" }).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    subscribe() {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const subscription: TestSubscription = {
        endpoint: `${origin}/push/${randomBytes(12).toString("base64url")}`,
        keys: {
          p256dh: ecdh.getPublicKey().toString("base64url"),
          auth: auth.toString("base64url"),
        },
        answer: 201,
        delayMs: 0,
      };
      held.set(subscription.endpoint, { subscription, ecdh, auth });
      return subscription;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
