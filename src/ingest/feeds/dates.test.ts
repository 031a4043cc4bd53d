import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseFeedDate } from "./dates.ts";

const CASES: [input: string, expected: string | null][] = [
  // RFC 822 / 1123 as the RSS spec shows it.
  ["Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00.000Z"],
  ["Tue, 10 Jun 2003 04:00:00 UT", "2003-06-10T04:00:00.000Z"],
  ["Tue, 10 Jun 2003 04:00:00 UTC", "2003-06-10T04:00:00.000Z"],
  ["Tue, 10 Jun 2003 04:00:00 Z", "2003-06-10T04:00:00.000Z"],
  ["Tue, 10 Jun 2003 04:00:00 +0000", "2003-06-10T04:00:00.000Z"],
  ["Tue, 10 Jun 2003 04:00:00 -0000", "2003-06-10T04:00:00.000Z"],
  // US zone names, standard and daylight.
  ["Wed, 02 Oct 2002 08:00:00 EST", "2002-10-02T13:00:00.000Z"],
  ["Wed, 02 Oct 2002 08:00:00 EDT", "2002-10-02T12:00:00.000Z"],
  ["Wed, 02 Oct 2002 08:00:00 CST", "2002-10-02T14:00:00.000Z"],
  ["Wed, 02 Oct 2002 08:00:00 CDT", "2002-10-02T13:00:00.000Z"],
  ["Wed, 02 Oct 2002 08:00:00 MST", "2002-10-02T15:00:00.000Z"],
  ["Wed, 02 Oct 2002 08:00:00 MDT", "2002-10-02T14:00:00.000Z"],
  ["Wed, 02 Oct 2002 08:00:00 PST", "2002-10-02T16:00:00.000Z"],
  ["Wed, 02 Oct 2002 08:00:00 PDT", "2002-10-02T15:00:00.000Z"],
  // Military single letters (A = UTC+1, N = UTC−1, Z = UTC).
  ["Wed, 02 Oct 2002 08:00:00 A", "2002-10-02T07:00:00.000Z"],
  ["Wed, 02 Oct 2002 08:00:00 M", "2002-10-01T20:00:00.000Z"],
  ["Wed, 02 Oct 2002 08:00:00 N", "2002-10-02T09:00:00.000Z"],
  ["Wed, 02 Oct 2002 08:00:00 Y", "2002-10-02T20:00:00.000Z"],
  // Numeric offsets in every spelling seen.
  ["Tue, 05 Mar 2024 10:20:00 +0300", "2024-03-05T07:20:00.000Z"],
  ["Tue, 05 Mar 2024 10:20:00 +03:00", "2024-03-05T07:20:00.000Z"],
  ["Tue, 05 Mar 2024 10:20:00 -0530", "2024-03-05T15:50:00.000Z"],
  ["Tue, 05 Mar 2024 10:20:00 GMT+0200", "2024-03-05T08:20:00.000Z"],
  ["Tue, 05 Mar 2024 10:20:00 -0800 (PST)", "2024-03-05T18:20:00.000Z"],
  // Other names newsrooms use.
  ["Tue, 05 Mar 2024 10:20:00 CET", "2024-03-05T09:20:00.000Z"],
  ["Tue, 05 Mar 2024 10:20:00 MSK", "2024-03-05T07:20:00.000Z"],
  ["Tue, 05 Mar 2024 10:20:00 IST", "2024-03-05T04:50:00.000Z"],
  // Sloppy RFC 822: two-digit years, missing parts, wrong weekday, case, whitespace.
  ["Tue, 05 Mar 24 10:20:00 GMT", "2024-03-05T10:20:00.000Z"],
  ["Thu, 01 Jan 70 00:00:00 GMT", "1970-01-01T00:00:00.000Z"],
  ["Tue, 05 Mar 2024 10:20 GMT", "2024-03-05T10:20:00.000Z"],
  ["05 Mar 2024 10:20:00 GMT", "2024-03-05T10:20:00.000Z"],
  ["Fri, 05 Mar 2024 10:20:00 GMT", "2024-03-05T10:20:00.000Z"],
  ["tue, 05 mar 2024 10:20:00 gmt", "2024-03-05T10:20:00.000Z"],
  ["  Tue,   5  Mar   2024\n 10:20:00\tGMT ", "2024-03-05T10:20:00.000Z"],
  ["Tue,05 Mar 2024 10:20:00 GMT", "2024-03-05T10:20:00.000Z"],
  ["Tuesday, 5 March 2024 10:20:00 GMT", "2024-03-05T10:20:00.000Z"],
  ["Tue, 05 Sept 2023 10:20:00 GMT", "2023-09-05T10:20:00.000Z"],
  ["Tue, 05 Mar 2024 10:20:00", "2024-03-05T10:20:00.000Z"],
  ["Tue, 05 Mar 2024", "2024-03-05T00:00:00.000Z"],
  ["Tue, 05 Mar 2024 10:20:00.250 GMT", "2024-03-05T10:20:00.250Z"],
  ["Sat, 31 Dec 2016 23:59:60 GMT", "2017-01-01T00:00:00.000Z"],
  // RFC 850 and asctime.
  ["Tuesday, 05-Mar-24 10:20:00 GMT", "2024-03-05T10:20:00.000Z"],
  ["Tue Mar  5 10:20:00 2024", "2024-03-05T10:20:00.000Z"],
  // JavaScript's Date#toString and US order.
  [
    "Tue Mar 05 2024 10:20:00 GMT+0100 (Central European Standard Time)",
    "2024-03-05T09:20:00.000Z",
  ],
  ["March 5, 2024 10:20 PM EST", "2024-03-06T03:20:00.000Z"],
  ["March 5, 2024 12:05 am", "2024-03-05T00:05:00.000Z"],
  // ISO 8601 / RFC 3339.
  ["2024-05-01T10:00:00Z", "2024-05-01T10:00:00.000Z"],
  ["2024-05-01T10:00:00+02:00", "2024-05-01T08:00:00.000Z"],
  ["2024-05-01T10:00:00-0500", "2024-05-01T15:00:00.000Z"],
  ["2024-05-01T10:00:00.123456+02:00", "2024-05-01T08:00:00.123Z"],
  ["2024-05-01T10:00:00", "2024-05-01T10:00:00.000Z"],
  ["2024-05-01T10:00Z", "2024-05-01T10:00:00.000Z"],
  ["2024-05-01t10:00:00z", "2024-05-01T10:00:00.000Z"],
  ["2024-05-01", "2024-05-01T00:00:00.000Z"],
  ["2024-05-01 10:00:00", "2024-05-01T10:00:00.000Z"],
  ["2024-05-01 10:00:00 UTC", "2024-05-01T10:00:00.000Z"],
  ["2024-05-01 10:00:00 +02:00", "2024-05-01T08:00:00.000Z"],
  // Garbage and impossible dates.
  ["", null],
  ["   ", null],
  ["not a date", null],
  ["yesterday", null],
  ["1709634000", null],
  ["2024-02-30", null],
  ["2024-13-01T00:00:00Z", null],
  ["2024-05-01T25:00:00Z", null],
  ["Tue, 31 Feb 2024 10:20:00 GMT", null],
  ["Tue, 05 Foo 2024 10:20:00 GMT", null],
  ["Tue, 05 Marchx 2024 10:20:00 GMT", null],
  ["Tue, 05 Mar 2024 10:20:00 XYZ", null],
  ["Tue, 05 Mar 2024 10:20:00 +9900", null],
  ["Tue, 05 Mar 2024 24:00:00 GMT", null],
  ["Tue, 05 Mar 2024 10:61:00 GMT", null],
  ["0001-01-01T00:00:00Z", null],
  ["0050-01-01", null],
  ["March 5, 2024 13:00 PM", null],
  ["2024", null],
];

describe("parseFeedDate", () => {
  for (const [input, expected] of CASES) {
    it(`${JSON.stringify(input)} → ${expected}`, () => {
      assert.equal(parseFeedDate(input), expected);
    });
  }

  it("has at least 40 cases", () => {
    assert.ok(CASES.length >= 40);
  });

  it("returns far-future dates as they are (the caller decides)", () => {
    assert.equal(parseFeedDate("2099-01-01T00:00:00Z"), "2099-01-01T00:00:00.000Z");
  });

  it("accepts valid Date objects and refuses invalid ones", () => {
    assert.equal(parseFeedDate(new Date("2024-03-05T10:20:00Z")), "2024-03-05T10:20:00.000Z");
    assert.equal(parseFeedDate(new Date("nonsense")), null);
  });

  it("returns null for anything that is not a string, without throwing", () => {
    for (const value of [undefined, null, 1709634000, true, {}, [], Symbol("x"), 10n]) {
      assert.equal(parseFeedDate(value), null);
    }
  });

  it("does not scan long strings", () => {
    assert.equal(parseFeedDate(`Tue, 05 Mar 2024 10:20:00 GMT${" ".repeat(200)}x`), null);
    assert.equal(parseFeedDate("9".repeat(100_000)), null);
  });

  it("never depends on the server's time zone", () => {
    const before = process.env.TZ;
    process.env.TZ = "Pacific/Kiritimati";
    try {
      assert.equal(parseFeedDate("2024-05-01 10:00:00"), "2024-05-01T10:00:00.000Z");
      assert.equal(parseFeedDate("Tue, 05 Mar 2024 10:20"), "2024-03-05T10:20:00.000Z");
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});
