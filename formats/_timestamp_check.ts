/**
 * One answer, whatever the format, for a timestamp ax cannot store: a value
 * of a `timestamp` column that is not an RFC 3339 date-time in years
 * 0000–9999 with seconds 00–59 — a leap second (`23:59:60`), a year such as
 * 10000, or no date at all. Parquet's microsecond count cannot hold a leap
 * second, and RFC 3339 has no five-digit years, so rather than let table and
 * csv print the text as it came, json pass it through and parquet fail, every
 * format stops with the same error before writing the record that holds it.
 * With `-o FILE` the file is then not written at all (the write is atomic).
 */
import { AxError } from "../runtime/errors.ts";
import { sanitizeForTerminal } from "../runtime/terminal.ts";
import { parseTimestamp } from "./_timestamps.ts";
import type { Column, Format, Row } from "./types.ts";

/**
 * Built-in formats that parse every timestamp themselves and refuse an odd
 * one with {@link oddTimestamp} at the same point, before the record is
 * written; {@link checkTimestamps} leaves their records alone, so each
 * timestamp is parsed once (parquet: ~0.08 s and a generator layer per 100k
 * records, BENCHMARKS.md).
 */
export const CHECKS_OWN_TIMESTAMPS: WeakSet<Format> = new WeakSet();

/** How much of a refused value the error shows. */
const SHOWN_CHARS = 60;

/**
 * `records`, each checked first: every value of a timestamp column is
 * absent or a date-time the formats can store, else an {@link AxError}
 * naming the record, the column and the value. A schema without timestamp
 * columns, or a format in {@link CHECKS_OWN_TIMESTAMPS}, gets `records` back
 * unchanged.
 */
export function checkTimestamps(
  records: AsyncIterable<Row>,
  columns: readonly Column[],
  format?: Format,
): AsyncIterable<Row> {
  if (format !== undefined && CHECKS_OWN_TIMESTAMPS.has(format)) return records;
  const names = columns.filter((column) => column.type === "timestamp").map((c) => c.name);
  if (names.length === 0) return records;
  return (async function* () {
    let index = 0;
    for await (const row of records) {
      index++;
      for (const name of names) {
        const value = row[name];
        if (value === null || value === undefined) continue;
        if (typeof value !== "string" || parseTimestamp(value) === undefined) {
          throw oddTimestamp(index, name, value);
        }
      }
      yield row;
    }
  })();
}

/**
 * The error for an odd timestamp: `name` of the `index`-th record (from 1)
 * holds `value`, which no format can store.
 */
export function oddTimestamp(
  index: number,
  name: string,
  value: string | number | boolean,
): AxError {
  const text = JSON.stringify(value);
  const shown = text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text;
  return new AxError(
    `unexpected response from server: ${name} of record ${index} is ${
      sanitizeForTerminal(shown)
    }, not a date-time ax can write.`,
    {
      hints: [
        "Every output format takes RFC 3339 date-times in years 0000-9999 with seconds 00-59 " +
        "(no leap second); nothing more was written, and an output file is left as it was.",
      ],
    },
  );
}
