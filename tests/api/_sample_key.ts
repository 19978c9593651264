/** A sample API key as the server sends it, shared by the api/ unit tests. */

/** The sample key, with `overrides` applied. */
export function sampleKey(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "QXBpS2V5OjE6YWJj",
    name: "CI pipeline key",
    description: "used by CI",
    key_type: "user",
    status: "active",
    redacted_key: "ak-abc...xyz",
    created_at: "2024-01-15T10:30:00Z",
    expires_at: "2025-01-15T10:30:00Z",
    created_by_user_id: "Usr1001",
    last_used_at: "2024-02-01T08:00:00Z",
    ...overrides,
  };
}
