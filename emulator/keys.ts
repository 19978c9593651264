/**
 * Making key records and showing them: issuing a key (secret, hash, redacted
 * form, ID) and the wire shape of `ApiKey` / `ApiKeyCreated`.
 */
import { formatTime, toWholeSecond } from "./clock.ts";
import { encodeId, hashSecret, newKeySecret, redactSecret } from "./ids.ts";
import type { KeyRecord, KeyType } from "./model.ts";
import type { Store } from "./store.ts";

/** What a new key is made of; the rest is generated. */
export interface NewKey {
  name: string;
  description?: string;
  key_type: KeyType;
  created_by_user_id: string;
  space_id?: string;
  bot_user_id?: string;
  expires_ms?: number;
  /** Creation time (emulated clock). */
  now: number;
  /** Use this secret instead of a random one (`--admin-key`). */
  secret?: string;
}

/** Creates, stores and returns a key together with its raw secret (shown once). */
export function issueKey(store: Store, spec: NewKey): { record: KeyRecord; secret: string } {
  const secret = spec.secret ?? newKeySecret();
  const seq = store.nextSeq();
  const record: KeyRecord = {
    id: encodeId("ApiKey", seq),
    seq,
    name: spec.name,
    key_type: spec.key_type,
    status: "active",
    redacted_key: redactSecret(secret),
    hash: hashSecret(secret),
    created_ms: toWholeSecond(spec.now),
    created_by_user_id: spec.created_by_user_id,
  };
  if (spec.description !== undefined) record.description = spec.description;
  if (spec.expires_ms !== undefined) record.expires_ms = spec.expires_ms;
  if (spec.space_id !== undefined) record.space_id = spec.space_id;
  if (spec.bot_user_id !== undefined) record.bot_user_id = spec.bot_user_id;
  store.addKey(record);
  return { record, secret };
}

/** The `ApiKey` object of the API; optional members are omitted, never null. */
export function apiKeyView(key: KeyRecord): Record<string, unknown> {
  const view: Record<string, unknown> = { id: key.id, name: key.name };
  if (key.description !== undefined) view.description = key.description;
  view.key_type = key.key_type;
  view.status = key.status;
  view.redacted_key = key.redacted_key;
  view.created_at = formatTime(key.created_ms);
  if (key.expires_ms !== undefined) view.expires_at = formatTime(key.expires_ms);
  view.created_by_user_id = key.created_by_user_id;
  if (key.last_used_ms !== undefined) view.last_used_at = formatTime(key.last_used_ms);
  return view;
}

/** The `ApiKeyCreated` object: the key plus its raw secret. */
export function apiKeyCreatedView(key: KeyRecord, secret: string): Record<string, unknown> {
  return { ...apiKeyView(key), key: secret };
}
