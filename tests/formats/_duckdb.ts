/**
 * DuckDB for the parquet tests: an in-memory database per test file, and a
 * query that hands rows back as JSON-friendly objects.
 */
import type { DuckDBInstance } from "@duckdb/node-api";

/** Runs `sql` on a fresh connection of `duck`; rows as objects of JSON values. */
export async function queryRows(
  duck: DuckDBInstance,
  sql: string,
): Promise<Record<string, unknown>[]> {
  const connection = await duck.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    connection.closeSync();
  }
}
