/**
 * Checks that a parsed `--data` file is emulator state before anything uses
 * it. A file that fails is refused, never repaired or overwritten.
 */
import { ACCOUNT_ROLES, KEY_STATUSES, KEY_TYPES, ORG_ROLES, SPACE_ROLES } from "./model.ts";
import type { State } from "./model.ts";

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function need(condition: boolean, what: string): void {
  if (!condition) throw new Error(what);
}

function str(o: Obj, field: string, where: string, optional = false): void {
  if (optional && o[field] === undefined) return;
  need(typeof o[field] === "string", `${where}.${field} must be a string`);
}

function int(o: Obj, field: string, where: string, optional = false): void {
  if (optional && o[field] === undefined) return;
  need(Number.isSafeInteger(o[field]), `${where}.${field} must be an integer`);
}

function oneOf(o: Obj, field: string, values: readonly string[], where: string): void {
  need(
    values.includes(o[field] as string),
    `${where}.${field} must be one of ${values.join(", ")}`,
  );
}

/** Returns the state, or throws an Error whose message says what is wrong. */
export function checkState(value: unknown): State {
  need(isObj(value), "the top level must be a JSON object");
  const s = value as Obj;
  need(s.format === "ax-emulator-state", `format must be "ax-emulator-state"`);
  need(s.version === 1, "version must be 1");
  for (const field of ["account", "org"]) {
    need(isObj(s[field]), `${field} must be an object`);
    str(s[field] as Obj, "id", field);
    str(s[field] as Obj, "name", field);
  }
  int(s, "next_seq", "state");
  str(s, "cursor_secret", "state");
  need(isObj(s.bootstrap), "bootstrap must be an object");
  for (const field of Object.keys(s.bootstrap as Obj)) str(s.bootstrap as Obj, field, "bootstrap");
  for (const field of ["admin_user_id", "user_user_id", "viewer_user_id"]) {
    str(s.bootstrap as Obj, field, "bootstrap");
  }
  need(Array.isArray(s.users), "users must be an array");
  (s.users as unknown[]).forEach((u, i) => {
    const where = `users[${i}]`;
    need(isObj(u), `${where} must be an object`);
    const o = u as Obj;
    for (const f of ["id", "name", "email"]) str(o, f, where);
    oneOf(o, "account_role", ACCOUNT_ROLES, where);
    oneOf(o, "org_role", ORG_ROLES, where);
    need(typeof o.developer === "boolean" && typeof o.bot === "boolean", `${where} flags`);
    need(isObj(o.space_roles), `${where}.space_roles must be an object`);
    for (const role of Object.values(o.space_roles as Obj)) {
      need(SPACE_ROLES.includes(role as never), `${where}.space_roles has an unknown role`);
    }
  });
  need(Array.isArray(s.spaces), "spaces must be an array");
  (s.spaces as unknown[]).forEach((sp, i) => {
    const where = `spaces[${i}]`;
    need(isObj(sp), `${where} must be an object`);
    for (const f of ["id", "name", "description"]) str(sp as Obj, f, where);
    int(sp as Obj, "seq", where);
    int(sp as Obj, "created_ms", where);
  });
  need(Array.isArray(s.keys), "keys must be an array");
  (s.keys as unknown[]).forEach((k, i) => {
    const where = `keys[${i}]`;
    need(isObj(k), `${where} must be an object`);
    const o = k as Obj;
    for (const f of ["id", "name", "redacted_key", "created_by_user_id"]) str(o, f, where);
    for (const f of ["description", "space_id", "bot_user_id"]) str(o, f, where, true);
    for (const f of ["seq", "created_ms"]) int(o, f, where);
    for (const f of ["expires_ms", "last_used_ms", "revoked_ms"]) int(o, f, where, true);
    oneOf(o, "key_type", KEY_TYPES, where);
    oneOf(o, "status", KEY_STATUSES, where);
    need(
      o.hash === null || (typeof o.hash === "string" && /^[0-9a-f]{64}$/.test(o.hash)),
      `${where}.hash must be a SHA-256 hex digest or null`,
    );
    need(!("key" in o), `${where} holds a raw key, which is never stored`);
  });
  return value as State;
}
