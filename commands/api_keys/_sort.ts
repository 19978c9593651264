/**
 * `--sort FIELD[:asc|:desc]` of `list`: which field, which direction, and
 * the comparison (absent values last in either direction, ties kept in
 * server order).
 */
import type { ApiKey } from "../../api/types.ts";
import { collectGarbage } from "../../runtime/adapter.ts";
import { timestampMs } from "../../runtime/rfc3339.ts";

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

/** One key held for sorting, with its sort value read once. */
interface Held {
  /** The name, or the time in epoch ms; undefined when the key has none (sorted last). */
  value: string | number | undefined;
  key: ApiKey;
}

function hold(key: ApiKey, field: SortField): Held {
  let value: string | number | undefined;
  if (field === "name") value = key.name;
  else {
    const time = timestampMs(key[field]);
    value = Number.isNaN(time) ? undefined : time;
  }
  return { value, key };
}

/**
 * Records between garbage collections while sorted keys are printed: the
 * formats' garbage would otherwise pile up on top of the keys held (Bun's
 * collector is lazy; see PAGES_PER_COLLECTION in api/paginate.ts).
 */
const RECORDS_PER_COLLECTION = 20_000;

/** What a printed key's slot holds, so the key itself can be collected. */
const DONE: Held = { value: undefined, key: undefined as unknown as ApiKey };

/** A stable comparison of held keys by `spec`; absent values last in either direction. */
function comparison(spec: SortSpec): (a: Held, b: Held) => number {
  const sign = spec.descending ? -1 : 1;
  const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
  return (a, b) => {
    if (a.value === undefined || b.value === undefined) {
      return a.value === undefined ? (b.value === undefined ? 0 : 1) : -1;
    }
    if (typeof a.value === "number") return sign * (a.value - (b.value as number));
    return sign * collator.compare(a.value, b.value as string);
  };
}

/** Keys read in full and sorted: how many there were, and the first `count` of them. */
export interface SortedKeys {
  readonly total: number;
  /** The first `count` keys in order (all of them for `all`). */
  first(count: number | "all"): Generator<ApiKey>;
}

/** Reads every key of `keys` and sorts them by `spec` (ties keep their order). */
export async function sortAll(keys: AsyncIterable<ApiKey>, spec: SortSpec): Promise<SortedKeys> {
  const held: Held[] = [];
  for await (const key of keys) held.push(hold(key, spec.field));
  held.sort(comparison(spec));
  // The pages are garbage now; Bun's lazy collector would keep them until later.
  collectGarbage();
  return {
    total: held.length,
    *first(count) {
      const end = count === "all" ? held.length : Math.min(count, held.length);
      for (let i = 0; i < end; i++) {
        yield held[i].key;
        // A printed key is not needed again.
        held[i] = DONE;
        if ((i + 1) % RECORDS_PER_COLLECTION === 0) collectGarbage();
      }
    },
  };
}

/** Sorts `keys` by `spec` into a new array (for callers that hold them already). */
export async function sortKeys(keys: readonly ApiKey[], spec: SortSpec): Promise<ApiKey[]> {
  async function* each() {
    yield* keys;
  }
  return [...(await sortAll(each(), spec)).first("all")];
}
