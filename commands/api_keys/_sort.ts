/**
 * `--sort FIELD[:asc|:desc]` of `list`: which field, which direction, and
 * the comparison (absent values last in either direction, ties kept in
 * server order).
 */
import type { ApiKey } from "../../api/types.ts";
import { timeOf } from "./_key_filter.ts";

/** The fields a listing can be sorted by. */
export const SORT_FIELDS = ["name", "created_at", "expires_at", "last_used_at"] as const;
/** A field a listing can be sorted by. */
export type SortField = (typeof SORT_FIELDS)[number];

/** A validated `--sort`. */
export interface SortSpec {
  field: SortField;
  descending: boolean;
}

/** Every value `--sort` accepts, for help and completion: each field, ascending and descending. */
export const SORT_CHOICES: readonly string[] = SORT_FIELDS.flatMap((f) => [f, `${f}:desc`]);

/** Every spelling `--sort` accepts (`:asc` too), lower case. */
export const SORT_VALUES: readonly string[] = SORT_FIELDS.flatMap((
  f,
) => [f, `${f}:asc`, `${f}:desc`]);

/** A `--sort` value already checked against {@link SORT_VALUES}. */
export function sortSpec(value: string): SortSpec {
  const [field, direction] = value.split(":");
  return { field: field as SortField, descending: direction === "desc" };
}

/** Sorts `keys` in place by `spec`; absent values go last whatever the direction. */
export function sortKeys(keys: ApiKey[], spec: SortSpec): ApiKey[] {
  const sign = spec.descending ? -1 : 1;
  if (spec.field === "name") {
    const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
    return keys.sort((a, b) => sign * collator.compare(a.name, b.name));
  }
  const field = spec.field;
  // One parse per key, not one per comparison.
  const times = new Map<ApiKey, number>();
  for (const key of keys) times.set(key, timeOf(key[field]));
  return keys.sort((a, b) => {
    const x = times.get(a)!;
    const y = times.get(b)!;
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
    return sign * (x - y);
  });
}
