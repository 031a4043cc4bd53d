import assert from "node:assert/strict";
import { test } from "node:test";
import { clientKey, createAddressLimiter } from "./address-limiter.ts";

test("the limit holds per address over a sliding window and says when to come back", () => {
  const limiter = createAddressLimiter({ limit: 3, windowMs: 60_000 });
  const t = 1_000_000;
  assert.equal(limiter.take("203.0.113.5", t), 0);
  assert.equal(limiter.take("203.0.113.5", t + 1_000), 0);
  assert.equal(limiter.take("203.0.113.5", t + 2_000), 0);
  assert.equal(
    limiter.take("203.0.113.5", t + 3_000),
    57,
    "the first request leaves the window at 60 s",
  );
  assert.equal(limiter.take("203.0.113.6", t + 3_000), 0, "another address is counted apart");
  assert.equal(limiter.take("203.0.113.5", t + 60_001), 0, "the window slid");
});

test("IPv6 clients count by /64; IPv4-mapped addresses as the IPv4 address", () => {
  assert.equal(clientKey("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
  assert.equal(clientKey("2001:db8:1:2:bbbb:cccc:dddd:eeee"), "2001:db8:1:2::/64");
  assert.equal(clientKey("::ffff:198.51.100.7"), "198.51.100.7");
  assert.equal(clientKey("198.51.100.7"), "198.51.100.7");
  const limiter = createAddressLimiter({ limit: 1, windowMs: 60_000 });
  assert.equal(limiter.take("2001:db8:1:2::1", 0), 0);
  assert.ok(limiter.take("2001:db8:1:2::ffff", 1) > 0, "the same /64 shares the limit");
});
