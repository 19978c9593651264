/**
 * The exact words users see on stderr for api-keys results (arize-api.md,
 * "How the reference CLI behaves"). Kept in one place so tests and docs quote
 * the same strings.
 */
/** After `create`. */
export const CREATED = "✓ API key created successfully";
/** After `create-service-key`. */
export const SERVICE_CREATED = "✓ Service API key created successfully";
/** After `refresh`. */
export const REFRESHED = "✓ API key refreshed successfully";
/** After create, create-service-key and refresh when the secret was printed. */
export const SAVE_NOW = "⚠ Warning: Save this API key now — it will not be shown again.";
/** Before the revoke confirmation. */
export const REVOKE_WARNING = "⚠ Warning: This will permanently revoke the API key";
/** The revoke confirmation question. */
export const REVOKE_QUESTION = "Are you sure? [y/N]: ";
/** When the user answers no. */
export const NOT_REVOKED = "ℹ API key not revoked";

/** After a successful revoke. */
export function revokedMessage(id: string): string {
  return `✓ API key with ID '${id}' revoked successfully`;
}

/**
 * After SAVE_NOW when the secret went into a pipe (socket, device), whose
 * reader may have dropped it unseen: the command that undoes the key.
 */
export function ifReaderLostMessage(command: string): string {
  return `ℹ If the reader lost the key: ${command}`;
}

/** After the secret went to an --env-file instead of stdout. */
export function envFileSavedMessage(file: string): string {
  return `✓ Saved the new key to ${file} as ARIZE_API_KEY (it is not shown here)`;
}
