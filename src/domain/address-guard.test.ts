import assert from "node:assert/strict";
import { test } from "node:test";
import { classifyAddress, isAllowed, parseAllowList, parseHostLiteral } from "./address-guard.ts";
import { AppError } from "./errors.ts";

// Classification only: nothing in this file opens a socket or asks DNS.

const LOOPBACK_V4_NOTATIONS = [
  "127.0.0.1",
  "127.1",
  "127.0.1",
  "127.0.0.1.",
  "0177.0.0.1",
  "0177.0.0.01",
  "127.000.000.001",
  "0x7f.0.0.1",
  "0X7F.0x0.0x0.0x1",
  "0x7f.1",
  "0x7f000001",
  "0x7F000001",
  "2130706433",
  "017700000001",
];

test("every IPv4 notation of 127.0.0.1 is recognised, as WHATWG URL reads it", () => {
  for (const notation of LOOPBACK_V4_NOTATIONS) {
    assert.deepEqual(parseHostLiteral(notation), { family: 4, address: "127.0.0.1" }, notation);
    assert.equal(new URL(`http://${notation}/`).hostname, "127.0.0.1", notation);
    assert.equal(classifyAddress(notation), "loopback", notation);
  }
});

test("IPv6 forms of loopback, mapped and bare, bracketed or not", () => {
  const mapped = [
    "[::ffff:127.0.0.1]",
    "[::ffff:7f00:1]",
    "::ffff:127.0.0.1",
    "[0:0:0:0:0:ffff:7f00:0001]",
  ];
  for (const notation of mapped) {
    assert.deepEqual(parseHostLiteral(notation), { family: 6, address: "::ffff:7f00:1" }, notation);
    assert.equal(classifyAddress(notation), "loopback", notation);
  }
  assert.equal(new URL("http://[::ffff:127.0.0.1]/").hostname, "[::ffff:7f00:1]");
  for (const notation of ["[::1]", "::1", "0:0:0:0:0:0:0:1", "[0000::0001]"]) {
    assert.deepEqual(parseHostLiteral(notation), { family: 6, address: "::1" }, notation);
    assert.equal(classifyAddress(notation), "loopback", notation);
  }
});

test("short forms and other radixes of other addresses", () => {
  assert.equal(parseHostLiteral("10.1.2")?.address, "10.1.0.2");
  assert.equal(parseHostLiteral("10.65538")?.address, "10.1.0.2");
  assert.equal(parseHostLiteral("167772161")?.address, "10.0.0.1");
  assert.equal(parseHostLiteral("0xa.0.0.1")?.address, "10.0.0.1");
  assert.equal(parseHostLiteral("012.0.0.1")?.address, "10.0.0.1");
  assert.equal(parseHostLiteral("0")?.address, "0.0.0.0");
  assert.equal(parseHostLiteral("0x")?.address, "0.0.0.0");
  assert.equal(parseHostLiteral("8.8.8.8")?.address, "8.8.8.8");
});

test("canonical IPv6 text follows RFC 5952", () => {
  assert.equal(parseHostLiteral("2001:DB8:0:0:0:0:0:1")?.address, "2001:db8::1");
  assert.equal(parseHostLiteral("2001:db8:0:0:1:0:0:1")?.address, "2001:db8::1:0:0:1");
  assert.equal(
    parseHostLiteral("2001:0db8:0000:0001:0001:0001:0001:0001")?.address,
    "2001:db8:0:1:1:1:1:1",
  );
  assert.equal(parseHostLiteral("::")?.address, "::");
  assert.equal(parseHostLiteral("fe80::")?.address, "fe80::");
  assert.equal(parseHostLiteral("1:2:3:4:5:6:7:8")?.address, "1:2:3:4:5:6:7:8");
});

test("hostnames, malformed literals and zone ids are not literals", () => {
  const notLiterals = [
    "",
    "example.com",
    "localhost",
    "127.0.0.1.example.com",
    "1.2.3.4.5",
    "256.0.0.1",
    "1.2.3.256",
    "4294967296",
    "0x100000000",
    "08.0.0.1",
    "0x7g.0.0.1",
    "1e3",
    "[::1",
    "1::2::3",
    ":::",
    "1:2:3:4:5:6:7:8:9",
    "[::ffff:127.1]",
    "[::ffff:0x7f.0.0.1]",
    "1.2.3.4::",
    "[fe80::1%25eth0]",
    "fe80::1%eth0",
    "[fe80::1%eth0]",
  ];
  for (const host of notLiterals) assert.equal(parseHostLiteral(host), null, host);
  assert.equal(classifyAddress("example.com"), "invalid");
  assert.equal(classifyAddress("fe80::1%eth0"), "invalid");
});

const TABLE: [address: string, expected: string][] = [
  // IPv4
  ["0.0.0.0", "unspecified"],
  ["0.1.2.3", "unspecified"],
  ["10.0.0.1", "private"],
  ["10.255.255.255", "private"],
  ["11.0.0.1", "public"],
  ["100.63.255.255", "public"],
  ["100.64.0.1", "cgnat"],
  ["100.127.255.255", "cgnat"],
  ["100.128.0.1", "public"],
  ["127.0.0.1", "loopback"],
  ["127.255.255.254", "loopback"],
  ["169.254.169.254", "link-local"],
  ["172.15.255.255", "public"],
  ["172.16.0.1", "private"],
  ["172.31.255.255", "private"],
  ["172.32.0.1", "public"],
  ["192.0.0.8", "reserved"],
  ["192.0.0.170", "reserved"],
  ["192.0.2.1", "documentation"],
  ["192.88.99.1", "reserved"],
  ["192.168.1.1", "private"],
  ["192.169.0.1", "public"],
  ["198.17.255.255", "public"],
  ["198.18.0.1", "benchmarking"],
  ["198.19.255.255", "benchmarking"],
  ["198.20.0.1", "public"],
  ["198.51.100.7", "documentation"],
  ["203.0.113.9", "documentation"],
  ["223.255.255.255", "public"],
  ["224.0.0.1", "multicast"],
  ["239.255.255.250", "multicast"],
  ["240.0.0.1", "reserved"],
  ["255.255.255.254", "reserved"],
  ["255.255.255.255", "broadcast"],
  ["8.8.8.8", "public"],
  ["1.1.1.1", "public"],
  ["93.184.216.34", "public"],
  // IPv6
  ["::", "unspecified"],
  ["::1", "loopback"],
  ["::ffff:10.0.0.1", "private"],
  ["::ffff:192.168.0.1", "private"],
  ["::ffff:169.254.169.254", "link-local"],
  ["::ffff:100.64.0.1", "cgnat"],
  ["::ffff:0.0.0.0", "unspecified"],
  ["::ffff:8.8.8.8", "public"],
  ["::ffff:808:808", "public"],
  ["64:ff9b::7f00:1", "loopback"],
  ["64:ff9b::10.0.0.1", "private"],
  ["64:ff9b::169.254.169.254", "link-local"],
  ["64:ff9b::8.8.8.8", "public"],
  ["64:ff9b:1::a00:1", "private"],
  ["64:ff9b:1::808:808", "public"],
  ["2002:7f00:1::", "loopback"],
  ["2002:a00:1::1", "private"],
  ["2002:c0a8:101::1", "private"],
  ["2002:808:808::1", "public"],
  ["::7f00:1", "ipv4-compatible"],
  ["::8.8.8.8", "ipv4-compatible"],
  ["2001::1", "teredo"],
  ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "teredo"],
  ["2001:2::1", "benchmarking"],
  ["2001:10::1", "reserved"],
  ["2001:db8::1", "documentation"],
  ["3fff::1", "documentation"],
  ["fc00::1", "private"],
  ["fd12:3456::1", "private"],
  ["fe80::1", "link-local"],
  ["febf::1", "link-local"],
  ["fec0::1", "site-local"],
  ["feff::1", "site-local"],
  ["ff02::1", "multicast"],
  ["ff0e::1", "multicast"],
  ["100::1", "reserved"],
  ["4000::1", "reserved"],
  ["::ffff:0:8.8.8.8", "reserved"],
  ["2606:4700:4700::1111", "public"],
  ["2001:4860:4860::8888", "public"],
  ["2a00:1450:4001::200e", "public"],
];

test("classification table", () => {
  for (const [address, expected] of TABLE) {
    assert.equal(classifyAddress(address), expected, address);
  }
});

test("mapped, NAT64 and 6to4 forms of private addresses are refused; of public ones, not", () => {
  const privates = ["10.0.0.5", "172.16.3.4", "192.168.1.1", "127.0.0.1", "169.254.169.254"];
  for (const v4 of privates) {
    const [a = 0, b = 0, c = 0, d = 0] = v4.split(".").map(Number);
    const hi = ((a << 8) | b).toString(16);
    const lo = ((c << 8) | d).toString(16);
    for (const form of [
      `::ffff:${v4}`,
      `64:ff9b::${v4}`,
      `64:ff9b:1::${hi}:${lo}`,
      `2002:${hi}:${lo}::1`,
    ]) {
      assert.notEqual(classifyAddress(form), "public", form);
      assert.equal(classifyAddress(form), classifyAddress(v4), form);
    }
  }
  for (const form of [
    "::ffff:8.8.8.8",
    "64:ff9b::8.8.8.8",
    "64:ff9b:1::808:808",
    "2002:808:808::1",
  ]) {
    assert.equal(classifyAddress(form), "public", form);
  }
});

test("allow list: hosts, host:port, addresses and CIDR ranges", () => {
  assert.deepEqual(parseAllowList(""), []);
  assert.deepEqual(parseAllowList(" , "), []);
  const rules = parseAllowList(
    "localhost, Wire.Local.:8080, 127.0.0.0/8, ::1/128, 10.1.2.3:9000, [fd00::5]:8443, 192.168.7.7",
  );
  assert.deepEqual(
    rules.map((r) => [r.kind, r.kind === "host" ? r.host : r.prefix, r.port]),
    [
      ["host", "localhost", null],
      ["host", "wire.local", 8080],
      ["cidr", 8, null],
      ["cidr", 128, null],
      ["cidr", 32, 9000],
      ["cidr", 128, 8443],
      ["cidr", 32, null],
    ],
  );
  const check = (host: string, port: number, address: string) =>
    isAllowed(rules, { host, port, address });
  assert.equal(check("localhost", 3000, "::1"), true);
  assert.equal(check("LOCALHOST.", 3000, "10.9.9.9"), true, "a host rule trusts the name");
  assert.equal(check("wire.local", 8080, "10.9.9.9"), true);
  assert.equal(check("wire.local", 8081, "10.9.9.9"), false, "only on its port");
  assert.equal(check("anything.test", 80, "127.3.4.5"), true, "inside 127.0.0.0/8");
  assert.equal(check("anything.test", 80, "::ffff:127.0.0.1"), true, "mapped v4 in a v4 range");
  assert.equal(check("[::1]", 80, "::1"), true);
  assert.equal(check("10.1.2.3", 9000, "10.1.2.3"), true);
  assert.equal(check("10.1.2.3", 9001, "10.1.2.3"), false);
  assert.equal(check("[fd00::5]", 8443, "fd00::5"), true);
  assert.equal(check("x.test", 1, "192.168.7.7"), true);
  assert.equal(check("x.test", 1, "192.168.7.8"), false);
  assert.equal(check("x.test", 1, "10.0.0.5"), false);
  assert.equal(isAllowed([], { host: "localhost", port: 80, address: "127.0.0.1" }), false);
});

test("allow list: a CIDR written with host bits set still means its network", () => {
  const rules = parseAllowList("10.1.2.3/16, 0x7f.1/8");
  assert.equal(isAllowed(rules, { host: "h", port: 1, address: "10.1.200.1" }), true);
  assert.equal(isAllowed(rules, { host: "h", port: 1, address: "127.9.9.9" }), true);
  assert.equal(isAllowed(rules, { host: "h", port: 1, address: "10.2.0.1" }), false);
});

test("allow list: each bad entry is a one-line config_invalid naming it", () => {
  const bad = [
    "feeds.test:0",
    "feeds.test:65536",
    "feeds.test:http",
    "127.0.0.1/33",
    "::1/129",
    "::1/x",
    "example.com/8",
    "bad host",
    "feeds.test:8080:9",
    "[::1",
    "[nope]:80",
    "-leading.test",
  ];
  for (const entry of bad) {
    assert.throws(
      () => parseAllowList(`localhost, ${entry}`),
      (error: unknown) =>
        error instanceof AppError &&
        error.code === "config_invalid" &&
        error.message.includes(`"${entry}"`) &&
        !error.message.includes("\n"),
      entry,
    );
  }
});
