/**
 * The column schema of an API key record: every output format reads the same
 * names and types from here, so scripts see the same fields in json, csv and
 * parquet, and the table shows them in a fixed order.
 */
import type { ApiKey } from "../../api/types.ts";
import type { Column, Row } from "../../formats/types.ts";

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
