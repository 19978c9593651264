/**
 * Small checks for reading JSON of a known shape. They throw {@link ShapeError}
 * naming the JSON path that was wrong; the readers in types.ts turn it into
 * the user-facing "unexpected response" error.
 */

/** A field had the wrong type or was missing. */
export class ShapeError extends Error {
  constructor(readonly path: string, readonly problem: string) {
    super(`${path} ${problem}`);
  }
}

/** A JSON object, keyed by field name. */
export type JsonObject = Record<string, unknown>;

function describeType(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** `value` as a JSON object, or a ShapeError at `path`. */
export function objectAt(value: unknown, path: string): JsonObject {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ShapeError(path, `is ${describeType(value)}, expected an object`);
  }
  return value as JsonObject;
}

/** `value` as an array, or a ShapeError at `path`. */
export function arrayAt(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new ShapeError(path, `is ${describeType(value)}, expected a list`);
  }
  return value;
}

/** A required string field (null or absent is an error). */
export function requiredString(obj: JsonObject, field: string, path: string): string {
  const value = obj[field];
  if (typeof value !== "string") {
    throw new ShapeError(
      `${path}.${field}`,
      value === undefined ? "is missing" : `is ${describeType(value)}, expected a string`,
    );
  }
  return value;
}

/** An optional string field; null is read as absent. */
export function optionalString(obj: JsonObject, field: string, path: string): string | undefined {
  const value = obj[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw new ShapeError(`${path}.${field}`, `is ${describeType(value)}, expected a string`);
  }
  return value;
}

/** A required boolean field. */
export function requiredBoolean(obj: JsonObject, field: string, path: string): boolean {
  const value = obj[field];
  if (typeof value !== "boolean") {
    throw new ShapeError(
      `${path}.${field}`,
      value === undefined ? "is missing" : `is ${describeType(value)}, expected true or false`,
    );
  }
  return value;
}

/**
 * A required enum field. Newer API generations send upper-case values
 * (`ACTIVE`); they are read as the lower-case values of this generation.
 */
export function requiredEnum<T extends string>(
  obj: JsonObject,
  field: string,
  options: { path: string; values: readonly T[] },
): T {
  const raw = requiredString(obj, field, options.path).toLowerCase();
  const found = options.values.find((v) => v === raw);
  if (found === undefined) {
    throw new ShapeError(
      `${options.path}.${field}`,
      `has unknown value '${raw}' (expected ${options.values.join(", ")})`,
    );
  }
  return found;
}
