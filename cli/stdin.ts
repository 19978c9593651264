/**
 * Reads this process's standard input to the end, for commands that take
 * data from a pipe (`profiles create --api-key-stdin`, `api-keys revoke -`).
 * The Context has no stdin stream, so this is the one place that reads file
 * descriptor 0; commands take it as an injectable dependency so tests never
 * touch the real stdin.
 */
import { readFileSync } from "node:fs";

/** All of stdin as UTF-8 text. */
export function readProcessStdin(): Promise<string> {
  try {
    return Promise.resolve(readFileSync(0, "utf8"));
  } catch (error) {
    return Promise.reject(error);
  }
}
