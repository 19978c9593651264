/** Resolving IDs given in requests to stored objects, with the field-naming errors. */
import { decodeId } from "../ids.ts";
import type { Space } from "../model.ts";
import { badField, ProblemError } from "../responses.ts";
import type { Store } from "../store.ts";

/** The space named by `space_id`: 400 when the value is not a space ID, 404 when unknown. */
export function lookupSpace(store: Store, value: string): Space {
  const field = "space_id";
  if (decodeId(value)?.kind !== "Space") {
    throw badField(field, `'${value}' is not a space ID (base64 of 'Space:…')`);
  }
  const space = store.space(value);
  if (!space) throw new ProblemError(404, `${field}: no space with ID '${value}'`);
  return space;
}

/** Checks that a `user_id` value has the shape of a user ID (400 otherwise). */
export function checkUserId(value: string): string {
  const field = "user_id";
  if (decodeId(value)?.kind !== "User") {
    throw badField(field, `'${value}' is not a user ID (base64 of 'User:…')`);
  }
  return value;
}
