import assert from "node:assert/strict";
import { test } from "node:test";
import { base64urlBytes, pushEndpointProblem } from "./web-push.ts";

test("push endpoints: https anywhere, plain http only on loopback", () => {
  for (const ok of [
    "https://fcm.googleapis.com/fcm/send/abc:def",
    "https://updates.push.services.mozilla.com/wpush/v2/gAAA",
    "https://web.push.apple.com/QGuQ",
    "http://127.0.0.1:4000/push/x",
    "http://127.5.6.7/push/x",
    "http://[::1]:4000/push/x",
    "http://localhost:4000/push/x",
  ]) {
    assert.equal(pushEndpointProblem(ok), null, ok);
  }
  for (const [bad, why] of [
    ["http://push.example.org/x", /https/],
    ["http://10.0.0.1/x", /https/],
    ["http://2130706433/x", null],
    ["ftp://127.0.0.1/x", /https/],
    ["javascript:alert(1)", /https/],
    ["/relative", /absolute/],
    ["https://user:pw@push.example.org/x", /user name/],
    ["https://push.example.org/x#frag", /fragment/],
    [`https://push.example.org/${"x".repeat(1100)}`, /1024/],
  ] as const) {
    const problem = pushEndpointProblem(bad);
    // 2130706433 is 127.0.0.1 to the URL parser: loopback, so accepted like it.
    if (why === null) assert.equal(problem, null, bad);
    else assert.match(problem ?? "", why, bad);
  }
});

test("base64url keys: padding tolerated, other alphabets refused", () => {
  assert.equal(base64urlBytes("AAEC")?.length, 3);
  assert.equal(base64urlBytes("AAE=")?.length, 2);
  assert.equal(base64urlBytes("AA+/"), null, "standard base64 is not base64url");
  assert.equal(base64urlBytes("a b"), null);
});
