/**
 * Checks that a plugin's default export really is a {@link Format}, so a
 * mistake is reported once, at load, with the file's name — not as a crash
 * in the middle of writing output.
 */
import type { Format } from "../types.ts";

/** What a format name must look like: the value typed after `-o`. */
export const FORMAT_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** What a file extension must look like: a dot, then letters, digits, `.`, `_` or `-`. */
export const FORMAT_EXTENSION = /^\.[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

/**
 * Returns `value` as a Format, or throws an Error saying what is wrong with
 * it (the caller adds the file name).
 */
export function validateFormat(value: unknown): Format {
  if (typeof value !== "object" || value === null) {
    throw new Error(`the default export must be a format object, not ${describe(value)}`);
  }
  const format = value as Record<string, unknown>;
  if (typeof format.name !== "string" || !FORMAT_NAME.test(format.name)) {
    throw new Error(
      `'name' must be lower-case letters, digits and '-' (got ${describe(format.name)})`,
    );
  }
  if (typeof format.description !== "string" || format.description.trim() === "") {
    throw new Error(
      `'description' must be a non-empty string (got ${describe(format.description)})`,
    );
  }
  if (
    !Array.isArray(format.extensions) ||
    !format.extensions.every((e) => typeof e === "string" && FORMAT_EXTENSION.test(e))
  ) {
    throw new Error(
      `'extensions' must be an array of extensions like ".md" (got ${describe(format.extensions)})`,
    );
  }
  if (typeof format.binary !== "boolean") {
    throw new Error(`'binary' must be true or false (got ${describe(format.binary)})`);
  }
  if (typeof format.write !== "function") {
    throw new Error(`'write' must be a function (got ${describe(format.write)})`);
  }
  return value as Format;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "function") return "a function";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
