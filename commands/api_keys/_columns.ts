/**
 * The column schema of an API key record: every output format reads the same
 * names and types from here, so scripts see the same fields in json, csv and
 * parquet, and the table shows them in a fixed order.
 */
import type { ApiKey } from "../../api/types.ts";
import type { Column, Row, TableHints } from "../../formats/types.ts";

/** Columns of an API key as `list` returns it, in canonical (API) order. */
export const API_KEY_COLUMNS: readonly Column[] = [
  { name: "id", type: "string", nullable: false },
  { name: "name", type: "string", nullable: false },
  { name: "description", type: "string", nullable: true },
  { name: "key_type", type: "string", nullable: false },
  { name: "status", type: "string", nullable: false },
  { name: "redacted_key", type: "string", nullable: false },
  { name: "created_at", type: "timestamp", nullable: false },
  { name: "expires_at", type: "timestamp", nullable: true },
  { name: "created_by_user_id", type: "string", nullable: false },
  { name: "last_used_at", type: "timestamp", nullable: true },
];

/** Columns of a key just created or refreshed: the list columns plus the raw secret. */
export const API_KEY_CREATED_COLUMNS: readonly Column[] = [
  ...API_KEY_COLUMNS,
  { name: "key", type: "string", nullable: false },
];

/** Table order of an API key: the name first, as people look keys up by name. */
export const API_KEY_DISPLAY_ORDER: readonly string[] = [
  "name",
  "id",
  "description",
  "key_type",
  "status",
  "redacted_key",
  "created_at",
  "expires_at",
  "created_by_user_id",
  "last_used_at",
];

/**
 * The api-keys table on a terminal (T7): the columns people scan, the free
 * text that may be cut, and what goes first when a terminal is too narrow
 * for all of them (`-o wide` shows everything). Short labels leave the name
 * room to be read at 80 columns.
 */
export const API_KEY_TABLE: TableHints = {
  summary: ["name", "id", "key_type", "status", "expires_at", "last_used_at"],
  cuttable: ["name", "description"],
  dropOrder: ["last_used_at", "key_type", "expires_at", "status"],
  labels: { key_type: "TYPE", expires_at: "EXPIRES", last_used_at: "LAST USED" },
};

/** Table order of a created or refreshed key: the secret comes last. */
export const API_KEY_CREATED_DISPLAY_ORDER: readonly string[] = [...API_KEY_DISPLAY_ORDER, "key"];

/** An API key as a format record (the API's own field names are the column names). */
export function toRow(key: ApiKey): Row {
  return key as unknown as Row;
}

/** The records of a stream of API keys, unchanged. */
export function asRows(keys: AsyncIterable<ApiKey>): AsyncIterable<Row> {
  return keys as unknown as AsyncIterable<Row>;
}
