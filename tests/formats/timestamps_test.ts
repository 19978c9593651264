import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  parseTimestamp,
  toEpochMicros,
  toEpochMicrosNumber,
  toRfc3339Utc,
  toTableTime,
} from "../../formats/_timestamps.ts";

describe("timestamps", () => {
  it("shows RFC 3339 values in UTC for the table, csv and parquet", () => {
    const cases: [string, string, string, bigint][] = [
      ["2024-01-15T10:30:00Z", "2024-01-15 10:30:00", "2024-01-15T10:30:00Z", 1705314600000000n],
      [
        "2024-01-15T12:30:00+02:00",
        "2024-01-15 10:30:00",
        "2024-01-15T10:30:00Z",
        1705314600000000n,
      ],
      [
        "2024-01-15T10:30:00.123456Z",
        "2024-01-15 10:30:00",
        "2024-01-15T10:30:00.123456Z",
        1705314600123456n,
      ],
      [
        "2024-01-15T10:30:00.5-00:30",
        "2024-01-15 11:00:00",
        "2024-01-15T11:00:00.5Z",
        1705316400500000n,
      ],
      ["2024-01-15 10:30:00", "2024-01-15 10:30:00", "2024-01-15T10:30:00Z", 1705314600000000n],
      ["1969-12-31T23:59:59Z", "1969-12-31 23:59:59", "1969-12-31T23:59:59Z", -1000000n],
      ["2024-02-29T23:59:59Z", "2024-02-29 23:59:59", "2024-02-29T23:59:59Z", 1709251199000000n],
      ["2000-02-29T00:00:00Z", "2000-02-29 00:00:00", "2000-02-29T00:00:00Z", 951782400000000n],
      ["2024-01-15t10:30:00z", "2024-01-15 10:30:00", "2024-01-15T10:30:00Z", 1705314600000000n],
    ];
    for (const [input, table, rfc, micros] of cases) {
      assert.equal(toTableTime(input), table, input);
      assert.equal(toRfc3339Utc(input), rfc, input);
      assert.equal(toEpochMicros(input), micros, input);
    }
  });

  it("rejects what is not a real date-time", () => {
    for (
      const bad of [
        "",
        "yesterday",
        "2024-02-30T00:00:00Z",
        "2024-13-01T00:00:00Z",
        "2024-01-01T24:00:00Z",
        "2024-01-01",
        "2023-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z",
        "2024-04-31T00:00:00Z",
        "2024-01-01T00:60:00Z",
        "2024-01-01T00:00:60Z",
        "2024-01-01T00:00:00ZZ",
        "2024-01-01T00:00:0xZ",
        "2024/01/01T00:00:00Z",
        "2024-01-01T00:00:00+",
        "20a4-01-01T00:00:00Z",
        "202/-01-01T00:00:00Z",
        "2024-0:-01T00:00:00Z",
        "2024-01-01T0/:00:00Z",
      ]
    ) {
      assert.equal(parseTimestamp(bad), undefined, bad);
      assert.equal(toTableTime(bad), undefined, bad);
      assert.equal(toRfc3339Utc(bad), undefined, bad);
      assert.equal(toEpochMicros(bad), undefined, bad);
      assert.equal(toEpochMicrosNumber(bad), undefined, bad);
    }
  });

  it("gives epoch microseconds as a number while that is exact, else leaves them to the bigint", () => {
    const cases: [string, bigint, number | undefined][] = [
      ["2024-01-15T10:30:00Z", 1705314600000000n, 1705314600000000],
      ["2024-01-15T12:30:00.123456+02:00", 1705314600123456n, 1705314600123456],
      ["1969-12-31T23:59:59.999999Z", -1n, -1],
      ["1900-01-01T00:00:00Z", -2208988800000000n, -2208988800000000],
      // 2^53 µs is 2255-06-05T23:47:34.740992Z: the last exact number is a microsecond earlier.
      ["2255-06-05T23:47:34.740991Z", 9007199254740991n, 9007199254740991],
      ["2255-06-05T23:47:34.740992Z", 9007199254740992n, undefined],
      ["9999-12-31T23:59:59Z", 253402300799000000n, undefined],
      ["1600-01-01T00:00:00Z", -11676096000000000n, undefined],
      // Years below 100 are years, not 1900 + year (Date.UTC's reading).
      ["0050-03-01T00:00:00Z", -60584198400000000n, undefined],
      ["0050-03-01T00:00:00+00:00", -60584198400000000n, undefined],
    ];
    for (const [input, micros, number] of cases) {
      assert.equal(toEpochMicros(input), micros, input);
      assert.equal(toEpochMicrosNumber(input), number, input);
    }
  });
});
