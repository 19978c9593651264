/**
 * Module plugins: a `.js`, `.mjs` or `.ts` file whose default export is a
 * Format, loaded with a dynamic `import()` at run time (never compiled into
 * ax; works from source and in a compiled binary).
 */
import type { Format } from "../types.ts";
import { validateFormat } from "./validate.ts";

/** Imports the module at `path` and returns its default export, checked. Throws on any problem. */
export async function loadModulePlugin(path: string): Promise<Format> {
  let module: { default?: unknown };
  try {
    // node:url is loaded only when a module plugin is (start-up time in a Bun binary).
    const { pathToFileURL } = await import("node:url");
    module = await import(pathToFileURL(path).href);
  } catch (error) {
    throw new Error(`cannot load it: ${firstLine(error)}`, { cause: error });
  }
  if (!("default" in module)) {
    throw new Error("it has no default export (export default { name, description, … })");
  }
  return validateFormat(module.default);
}

function firstLine(error: unknown): string {
  // Bun (the compiled binary) reports a syntax error as an AggregateError
  // "N errors building <file>" whose first entry holds the useful part.
  const [first] = error instanceof AggregateError ? error.errors : [];
  if (first instanceof Error) return buildMessage(first);
  let text = String(error);
  if (error instanceof Error) {
    // Deno wraps a syntax error as `TypeError: SyntaxError: …`; name it once.
    text = /^[A-Z]\w*Error\b/.test(error.message)
      ? error.message
      : `${error.name}: ${error.message}`;
  }
  return text.split("\n")[0];
}

/** A Bun build error (a BuildMessage is a syntax error) with the line and column Bun gives. */
function buildMessage(error: Error & { position?: { line?: number; column?: number } }): string {
  const name = error.name === "BuildMessage" ? "SyntaxError" : error.name;
  const where = error.position?.line
    ? ` (line ${error.position.line}, column ${error.position.column ?? 0})`
    : "";
  return `${name}: ${error.message.split("\n")[0]}${where}`;
}
