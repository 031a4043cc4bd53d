import assert from "node:assert/strict";
import { test } from "node:test";
import { dayEnd, dayStart, parseCalendarDay } from "./calendar-day.ts";

test("a day starts at midnight in the given zone", () => {
  assert.equal(dayStart("2026-11-28", "UTC")?.toISOString(), "2026-11-28T00:00:00.000Z");
  assert.equal(dayStart("2026-11-28", "Europe/Berlin")?.toISOString(), "2026-11-27T23:00:00.000Z");
  assert.equal(dayStart("2026-07-01", "Europe/Berlin")?.toISOString(), "2026-06-30T22:00:00.000Z");
  assert.equal(
    dayStart("2026-11-28", "America/New_York")?.toISOString(),
    "2026-11-28T05:00:00.000Z",
  );
  assert.equal(dayStart("2026-11-28", "Asia/Kolkata")?.toISOString(), "2026-11-27T18:30:00.000Z");
});

test("days around a change of offset", () => {
  // Europe/Berlin moves to summer time at 02:00 on 29 March 2026; midnight still exists.
  assert.equal(dayStart("2026-03-29", "Europe/Berlin")?.toISOString(), "2026-03-28T23:00:00.000Z");
  assert.equal(dayEnd("2026-03-29", "Europe/Berlin")?.toISOString(), "2026-03-29T22:00:00.000Z");
  // America/Santiago skips midnight itself in September: the day starts at 01:00.
  assert.equal(
    dayStart("2026-09-06", "America/Santiago")?.toISOString(),
    "2026-09-06T04:00:00.000Z",
  );
});

test("the end of a day is the start of the next, across months and years", () => {
  assert.equal(dayEnd("2026-12-31", "UTC")?.toISOString(), "2027-01-01T00:00:00.000Z");
  assert.equal(dayEnd("2028-02-28", "UTC")?.toISOString(), "2028-02-29T00:00:00.000Z");
});

test("not a date: null, never a rolled-over day", () => {
  for (const bad of [
    "2026-02-30",
    "2026-13-01",
    "2026-1-1",
    "28/11/2026",
    "",
    "2026-11-28T10:00",
  ]) {
    assert.equal(parseCalendarDay(bad), null, bad);
    assert.equal(dayStart(bad, "UTC"), null, bad);
  }
});
