/**
 * The in-memory store: users, spaces and keys with the indexes the routes
 * need (key by ID, by secret hash, and per-scope lists kept in list order so
 * a page is a binary search and a short scan, even with 100k keys).
 */
import type { KeyRecord, Space, State, User } from "./model.ts";

/** A position in the list order: creation second, then creation sequence. */
export interface SortPosition {
  created_ms: number;
  seq: number;
}

/** Compares two positions oldest first. */
export function comparePositions(a: SortPosition, b: SortPosition): number {
  return a.created_ms - b.created_ms || a.seq - b.seq;
}

/** The list a key belongs to: its owner's user keys, or its space's service keys. */
export function scopeOf(key: KeyRecord): string {
  return key.key_type === "service" ? `space:${key.space_id}` : `user:${key.created_by_user_id}`;
}

/** Options of {@link Store.page}. */
export interface PageQuery<T extends SortPosition> {
  /** Items in ascending order (oldest first). */
  items: readonly T[];
  /** Return only items strictly older than this position. */
  after?: SortPosition;
  limit: number;
  match: (item: T) => boolean;
}

/** One page, newest first, and whether more matching items follow. */
export interface Page<T> {
  items: T[];
  hasMore: boolean;
}

/** Holds the state and keeps its indexes in step with every change. */
export class Store {
  readonly state: State;
  readonly #usersById = new Map<string, User>();
  readonly #spacesById = new Map<string, Space>();
  readonly #keysById = new Map<string, KeyRecord>();
  readonly #keysByHash = new Map<string, KeyRecord>();
  readonly #scopes = new Map<string, KeyRecord[]>();

  constructor(state: State) {
    this.state = state;
    for (const user of state.users) this.#usersById.set(user.id, user);
    state.spaces.sort(comparePositions);
    for (const space of state.spaces) this.#spacesById.set(space.id, space);
    state.keys.sort(comparePositions);
    for (const key of state.keys) this.#index(key, true);
  }

  /** The next value of the shared creation sequence. */
  nextSeq(): number {
    return this.state.next_seq++;
  }

  /** The user with this ID. */
  user(id: string): User | undefined {
    return this.#usersById.get(id);
  }

  /** Adds a user (a person or a bot). */
  addUser(user: User): void {
    this.state.users.push(user);
    this.#usersById.set(user.id, user);
  }

  /** The space with this ID. */
  space(id: string): Space | undefined {
    return this.#spacesById.get(id);
  }

  /** All spaces, oldest first. */
  spaces(): readonly Space[] {
    return this.state.spaces;
  }

  /** Adds a space. */
  addSpace(space: Space): void {
    insertSorted(this.state.spaces, space);
    this.#spacesById.set(space.id, space);
  }

  /** The key with this ID. */
  key(id: string): KeyRecord | undefined {
    return this.#keysById.get(id);
  }

  /** The key whose secret hashes to `hash`. */
  keyByHash(hash: string): KeyRecord | undefined {
    return this.#keysByHash.get(hash);
  }

  /** Keys of one scope (see {@link scopeOf}), oldest first. */
  scope(scope: string): readonly KeyRecord[] {
    return this.#scopes.get(scope) ?? [];
  }

  /** Adds a key to every index. */
  addKey(key: KeyRecord): void {
    this.state.keys.push(key);
    this.#index(key, false);
  }

  /** Adds many keys already in ascending order and newer than all others of their scope. */
  appendKeys(keys: KeyRecord[]): void {
    for (const key of keys) {
      this.state.keys.push(key);
      this.#index(key, true);
    }
  }

  /** Gives a key a new secret hash (bootstrap keys rotate at every start). */
  setHash(key: KeyRecord, hash: string | null): void {
    if (key.hash) this.#keysByHash.delete(key.hash);
    key.hash = hash;
    if (hash) this.#keysByHash.set(hash, key);
  }

  /** One page of `items` in list order (newest first). */
  page<T extends SortPosition>(query: PageQuery<T>): Page<T> {
    const { items, after, limit, match } = query;
    let index = items.length - 1;
    if (after) index = lastIndexBefore(items, after);
    const out: T[] = [];
    for (; index >= 0; index--) {
      const item = items[index];
      if (!match(item)) continue;
      if (out.length === limit) return { items: out, hasMore: true };
      out.push(item);
    }
    return { items: out, hasMore: false };
  }

  /**
   * One page across several lists at once (each oldest first), newest first
   * overall: a merge from each list's end, so a page costs O(limit × lists)
   * plus one binary search per list, however many items they hold.
   */
  pageAcross<T extends SortPosition>(
    query: Omit<PageQuery<T>, "items"> & { lists: readonly (readonly T[])[] },
  ): Page<T> {
    const { lists, after, limit, match } = query;
    const heads = lists.map((items) => after ? lastIndexBefore(items, after) : items.length - 1);
    const out: T[] = [];
    for (;;) {
      let best = -1;
      for (let i = 0; i < lists.length; i++) {
        if (heads[i] < 0) continue;
        if (best < 0 || comparePositions(lists[i][heads[i]], lists[best][heads[best]]) > 0) {
          best = i;
        }
      }
      if (best < 0) return { items: out, hasMore: false };
      const item = lists[best][heads[best]--];
      if (!match(item)) continue;
      if (out.length === limit) return { items: out, hasMore: true };
      out.push(item);
    }
  }

  #index(key: KeyRecord, sortedAppend: boolean): void {
    this.#keysById.set(key.id, key);
    if (key.hash) this.#keysByHash.set(key.hash, key);
    const scope = scopeOf(key);
    let list = this.#scopes.get(scope);
    if (!list) this.#scopes.set(scope, list = []);
    if (sortedAppend) list.push(key);
    else insertSorted(list, key);
  }
}

/** Inserts keeping ascending order; new items are nearly always the newest. */
function insertSorted<T extends SortPosition>(list: T[], item: T): void {
  let index = list.length;
  while (index > 0 && comparePositions(list[index - 1], item) > 0) index--;
  list.splice(index, 0, item);
}

/** Index of the newest item strictly older than `position`, or -1. */
function lastIndexBefore(items: readonly SortPosition[], position: SortPosition): number {
  let low = 0;
  let high = items.length; // first index whose item is >= position
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (comparePositions(items[mid], position) < 0) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}
