/**
 * Records of the `ax api-keys` run tests: listed and created keys as the
 * server sends them, and the `json` format's rendering.
 */
import type { ApiKey, ApiKeyCreated } from "../../../api/types.ts";

/** A listed key `n`, with every optional field unless overridden. */
export function apiKey(n: number, overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id: `key${n}`,
    name: `Key ${n}`,
    description: `Description ${n}`,
    key_type: "user",
    status: "active",
    redacted_key: `ak-k${n}...xyz`,
    created_at: "2026-01-15T10:30:00Z",
    expires_at: "2027-01-15T10:30:00Z",
    created_by_user_id: "Usr1",
    last_used_at: "2026-02-01T08:00:00Z",
    ...overrides,
  };
}

/** A created key with its secret. */
export function createdKey(n: number, overrides: Partial<ApiKeyCreated> = {}): ApiKeyCreated {
  return { ...apiKey(n), key: `ak-secret-${n}-0123456789abcdefghij`, ...overrides };
}

/** `json`'s rendering of one object or a list document (2-space indent, newline). */
export function pretty(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
