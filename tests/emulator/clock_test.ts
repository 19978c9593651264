import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createClock, formatTime, toWholeSecond } from "../../emulator/clock.ts";

describe("formatTime", () => {
  it("writes RFC 3339 UTC, with milliseconds only when there are some", () => {
    assert.equal(formatTime(Date.parse("2026-06-01T12:00:00Z")), "2026-06-01T12:00:00Z");
    assert.equal(formatTime(Date.parse("2026-06-01T12:00:00.120Z")), "2026-06-01T12:00:00.120Z");
    assert.equal(
      formatTime(toWholeSecond(Date.parse("2026-06-01T12:00:00.999Z"))),
      "2026-06-01T12:00:00Z",
    );
  });
});

describe("createClock", () => {
  it("follows real time from its start and can be set and advanced", () => {
    let real = 1_000_000;
    const clock = createClock({ realNow: () => real, start: 5_000_000 });
    assert.equal(clock.now(), 5_000_000);
    real += 250;
    assert.equal(clock.now(), 5_000_250);
    clock.advance(10);
    assert.equal(clock.now(), 5_010_250);
    clock.set(42_000);
    assert.equal(clock.now(), 42_000);
    real += 1;
    assert.equal(clock.now(), 42_001);
  });

  it("reads the real time when no start is given", () => {
    const clock = createClock({ realNow: () => 777 });
    assert.equal(clock.now(), 777);
  });
});
