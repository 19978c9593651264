/**
 * Shared test material for the formats: a small schema shaped like the
 * api-keys one (with an integer and a boolean column too), sample records,
 * a capturing sink, and golden-file comparison.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import process from "node:process";
import type { WriteInfo } from "../../formats/output.ts";
import type { Column, Format, OutputInfo, Pagination, Row, Sink } from "../../formats/types.ts";

/** A test schema covering every column type, nullable and not. */
export const COLUMNS: readonly Column[] = [
  { name: "id", type: "string", nullable: false },
  { name: "name", type: "string", nullable: false },
  { name: "description", type: "string", nullable: true },
  { name: "status", type: "string", nullable: false },
  { name: "uses", type: "integer", nullable: true },
  { name: "pinned", type: "boolean", nullable: true },
  { name: "created_at", type: "timestamp", nullable: false },
  { name: "expires_at", type: "timestamp", nullable: true },
];

/** Table order: name first, as the api-keys display order does. */
export const DISPLAY_ORDER: readonly string[] = [
  "name",
  "id",
  "description",
  "status",
  "uses",
  "pinned",
  "created_at",
  "expires_at",
];

/** Control characters that must never reach a terminal raw (LF excepted: it ends lines). */
// deno-lint-ignore no-control-regex
export const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

/** Three records: full, sparse (absent optional fields) and revoked. */
export const ROWS: readonly Row[] = [
  {
    id: "QXBp1001",
    name: "CI pipeline key",
    description: "Used by the nightly build",
    status: "active",
    uses: 42,
    pinned: true,
    created_at: "2024-01-15T10:30:00Z",
    expires_at: "2025-01-15T10:30:00Z",
  },
  {
    id: "QXBp1002",
    name: "laptop",
    description: null,
    status: "active",
    uses: 0,
    pinned: false,
    created_at: "2024-02-01T08:00:00.5Z",
  },
  {
    id: "QXBp1003",
    name: "old deploy key",
    description: "Rotated, see ticket OPS-12",
    status: "revoked",
    uses: null,
    created_at: "2023-12-31T23:59:59+01:00",
    expires_at: null,
  },
];

/** Yields `rows` as the API client would: asynchronously, one at a time. */
export async function* recordsOf(rows: Iterable<Row>): AsyncGenerator<Row> {
  for (const row of rows) yield row;
}

/** What a list command hands writeOutput for the test schema: one page, no more after it. */
export const WRITE_INFO: WriteInfo = {
  columns: COLUMNS,
  displayOrder: DISPLAY_ORDER,
  shape: "list",
  collection: "api_keys",
  pagination: () => ({ has_more: false }) as Pagination,
};

/** An OutputInfo for the test schema; override any part. */
export function infoFor(overrides: Partial<OutputInfo> = {}): OutputInfo {
  return {
    ...WRITE_INFO,
    color: false,
    now: () => new Date("2026-06-01T12:00:00Z"),
    ...overrides,
  };
}

/** A sink that keeps everything written to it. */
export interface CaptureSink extends Sink {
  text(): string;
  bytes(): Uint8Array;
  /** Number of write calls. */
  readonly writes: number;
}

/** Creates a {@link CaptureSink}. */
export function captureSink(options: { isTerminal?: boolean; width?: number } = {}): CaptureSink {
  const chunks: Uint8Array[] = [];
  const encoder = new TextEncoder();
  let writes = 0;
  const bytes = () => {
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const c of chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  };
  return {
    isTerminal: options.isTerminal ?? false,
    width: options.width,
    write(chunk) {
      writes++;
      chunks.push(typeof chunk === "string" ? encoder.encode(chunk) : chunk.slice());
      return Promise.resolve();
    },
    get writes() {
      return writes;
    },
    bytes,
    text: () => new TextDecoder().decode(bytes()),
  };
}

/** Runs `format` over `rows` into a capturing sink and returns the text. */
export async function render(
  format: Format,
  rows: Iterable<Row>,
  options: { info?: Partial<OutputInfo>; isTerminal?: boolean; width?: number } = {},
): Promise<string> {
  const sink = captureSink(options);
  await format.write(recordsOf(rows), sink, infoFor(options.info));
  return sink.text();
}

const FIXTURES = fileURLToPath(new URL("../fixtures/formats/", import.meta.url));

/**
 * Compares `actual` with the golden file `tests/fixtures/formats/<name>`.
 * Run with UPDATE_GOLDEN=1 to (re)write the files after a deliberate change,
 * then review the diff.
 */
export function assertGolden(name: string, actual: string): void {
  const path = FIXTURES + name;
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, actual);
  assert.equal(actual, readFileSync(path, "utf8"), `golden file ${name} differs`);
}

/** How a text format wrote a long list: write sizes, and how far reading had got at each. */
export interface ChunkedWrites {
  /** Characters of each write. */
  sizes: number[];
  /** Records pulled from the source when each write happened. */
  pulledAt: number[];
  total: number;
}

/**
 * Runs `format` over `count` records (the first sample row with distinct
 * ids) and records each write, to check that a long list is written in
 * bounded chunks while it is still being read, not in one piece at the end.
 */
export async function chunkedWrites(format: Format, count: number): Promise<ChunkedWrites> {
  let pulled = 0;
  async function* rows() {
    for (let i = 0; i < count; i++) {
      pulled++;
      yield { ...ROWS[0], id: `id${i}` };
    }
  }
  const sizes: number[] = [];
  const pulledAt: number[] = [];
  const sink: Sink = {
    isTerminal: false,
    write(chunk) {
      sizes.push(chunk.length);
      pulledAt.push(pulled);
      return Promise.resolve();
    },
  };
  await format.write(rows(), sink, infoFor());
  return { sizes, pulledAt, total: count };
}

/** Asserts what {@link chunkedWrites} found: several chunks of at most `limit` characters, written along the way. */
export function assertChunked(writes: ChunkedWrites, limit: number): void {
  assert.ok(writes.sizes.length >= 3, `several writes, got ${writes.sizes.length}`);
  assert.ok(
    writes.sizes.length < writes.total / 20,
    `not a write per record: ${writes.sizes.length} writes for ${writes.total} records`,
  );
  assert.ok(Math.max(...writes.sizes) <= limit, `each write at most ${limit} characters`);
  assert.ok(writes.pulledAt[0] < writes.total / 2, "the first chunk is written early");
}
