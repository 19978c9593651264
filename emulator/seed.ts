/**
 * The seeded world: one account and organization, spaces `default` and
 * `staging`, an admin user, a developer user and a viewer; their bootstrap
 * keys (secrets rotated at every start, since only hashes are kept); and
 * synthetic keys for benchmarks.
 */
import { toWholeSecond } from "./clock.ts";
import { encodeId, hashSecret, newKeySecret, randomBase62, redactSecret } from "./ids.ts";
import { issueKey } from "./keys.ts";
import type { KeyRecord, Space, State, User } from "./model.ts";
import type { Store } from "./store.ts";

const DAY = 86_400_000;

/** A fresh state created at `now` (emulated clock, epoch milliseconds). */
export function createInitialState(now: number): State {
  let seq = 1;
  const space = (name: string, description: string, ageDays: number): Space => {
    const s = seq++;
    return {
      id: encodeId("Space", s),
      seq: s,
      name,
      description,
      created_ms: toWholeSecond(now - ageDays * DAY),
    };
  };
  const defaultSpace = space("default", "The default space", 60);
  const staging = space("staging", "Pre-production experiments", 30);
  const user = (fields: Omit<User, "id" | "bot">): User => ({
    id: encodeId("User", seq++),
    bot: false,
    ...fields,
  });
  const admin = user({
    name: "Emulator Admin",
    email: "admin@emulator.invalid",
    account_role: "admin",
    org_role: "admin",
    developer: true,
    space_roles: { [defaultSpace.id]: "admin", [staging.id]: "admin" },
  });
  const developer = user({
    name: "Emulator Developer",
    email: "developer@emulator.invalid",
    account_role: "member",
    org_role: "member",
    developer: true,
    space_roles: { [defaultSpace.id]: "member" },
  });
  const viewer = user({
    name: "Emulator Viewer",
    email: "viewer@emulator.invalid",
    account_role: "member",
    org_role: "read-only",
    developer: false,
    space_roles: { [defaultSpace.id]: "read-only" },
  });
  return {
    format: "ax-emulator-state",
    version: 1,
    account: { id: encodeId("Account", seq++), name: "Emulator Account" },
    org: { id: encodeId("Organization", seq++), name: "Emulator Org" },
    users: [admin, developer, viewer],
    spaces: [defaultSpace, staging],
    keys: [],
    next_seq: seq,
    cursor_secret: randomBase62(32),
    bootstrap: {
      admin_user_id: admin.id,
      user_user_id: developer.id,
      viewer_user_id: viewer.id,
      admin_key_id: "",
      user_key_id: "",
      viewer_key_id: "",
    },
  };
}

/** Raw secrets of the bootstrap keys for this run (printed once, on the readiness line). */
export interface BootstrapSecrets {
  admin: string;
  user: string;
  viewer: string;
}

/**
 * Gives each seeded user a working key for this run: the existing bootstrap
 * key gets a new secret (reactivated if it was revoked), or a key is created.
 */
export function issueBootstrapKeys(
  store: Store,
  options: { now: number; adminKey?: string },
): BootstrapSecrets {
  const b = store.state.bootstrap;
  const secrets: BootstrapSecrets = {
    admin: options.adminKey ?? newKeySecret(),
    user: newKeySecret(),
    viewer: newKeySecret(),
  };
  const slots = [
    ["admin_key_id", b.admin_user_id, secrets.admin, "emulator admin key"],
    ["user_key_id", b.user_user_id, secrets.user, "emulator developer key"],
    ["viewer_key_id", b.viewer_user_id, secrets.viewer, "emulator viewer key"],
  ] as const;
  for (const [slot, userId, secret, name] of slots) {
    const existing = b[slot] ? store.key(b[slot]) : undefined;
    if (existing) {
      store.setHash(existing, hashSecret(secret));
      existing.redacted_key = redactSecret(secret);
      existing.status = "active";
      delete existing.revoked_ms;
      delete existing.expires_ms;
    } else {
      const { record } = issueKey(store, {
        name,
        description: "Bootstrap key of the local emulator; its secret changes at every start",
        key_type: "user",
        created_by_user_id: userId,
        now: options.now,
        secret,
      });
      b[slot] = record.id;
    }
  }
  return secrets;
}

/**
 * Makes sure the admin owns at least `count` synthetic user keys. They are
 * built without hashing anything (100k in well under a second) and have no
 * secret at all, so they list like real keys but can never authenticate.
 */
export function seedSyntheticKeys(store: Store, options: { count: number; now: number }): number {
  const ownerId = store.state.bootstrap.admin_user_id;
  let existing = 0;
  for (const key of store.state.keys) if (key.seeded) existing++;
  const missing = options.count - existing;
  if (missing <= 0) return 0;
  const end = toWholeSecond(options.now);
  let random = 0x9e3779b9 ^ existing;
  const chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  const nextChar = () => {
    // xorshift32: a redacted form needs variety, not secrecy.
    random ^= random << 13;
    random ^= random >>> 17;
    random ^= random << 5;
    return chars[(random >>> 0) % 62];
  };
  for (let i = 0; i < missing; i++) {
    const n = existing + i + 1;
    const seq = store.nextSeq();
    const created = end - (missing - i) * 1000;
    const key: KeyRecord = {
      id: encodeId("ApiKey", seq),
      seq,
      name: `seed key ${String(n).padStart(6, "0")}`,
      key_type: "user",
      status: "active",
      redacted_key:
        `ak-${nextChar()}${nextChar()}${nextChar()}...${nextChar()}${nextChar()}${nextChar()}`,
      hash: null,
      created_ms: created,
      created_by_user_id: ownerId,
      seeded: true,
    };
    if (n % 3 === 0) key.description = `Synthetic key ${n} for benchmarks`;
    if (n % 5 === 0) key.expires_ms = end + ((n % 365) + 1) * DAY;
    // Up to an hour after creation, but never after the seeding instant: the
    // newest keys were created seconds ago, and a future last-used time would
    // read "in 4 minutes" and drift --unused-for results as the clock passes.
    if (n % 2 === 0) key.last_used_ms = Math.min(end, created + 1000 * (n % 3600));
    store.addKey(key);
  }
  return missing;
}
