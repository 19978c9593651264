/** Resolving IDs given in requests to stored objects, with the field-naming errors. */
import { decodeId } from "../ids.ts";
import type { Space } from "../model.ts";
import { badField, ProblemError } from "../problem.ts";
import type { Store } from "../store.ts";

/** The space named by `field`: 400 when the value is not a space ID, 404 when unknown. */
export function lookupSpace(store: Store, value: string, field = "space_id"): Space {
  if (decodeId(value)?.kind !== "Space") {
    throw badField(field, `'${value}' is not a space ID (base64 of 'Space:…')`);
  }
  const space = store.space(value);
  if (!space) throw new ProblemError(404, `${field}: no space with ID '${value}'`);
  return space;
}

/** Checks that `value` has the shape of a user ID (400 naming `field` otherwise). */
export function checkUserId(value: string, field = "user_id"): string {
  if (decodeId(value)?.kind !== "User") {
    throw badField(field, `'${value}' is not a user ID (base64 of 'User:…')`);
  }
  return value;
}
