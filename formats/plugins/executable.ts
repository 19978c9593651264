/**
 * Executable plugins: a program named `ax-format-<name>`, written in any
 * language, turns records into output (the git/kubectl extension convention).
 *
 * Protocol, version 1:
 * - stdin: NDJSON. The first line describes the result:
 *   `{"ax_format_version":1,"format":"tsv","shape":"list","collection":"api_keys",
 *   "columns":[{"name":"id","type":"string","nullable":false},…],
 *   "display_order":[…],"is_terminal":false,"color":false}` (`display_order`
 *   only when the command has one; `width` only on a terminal of known size).
 *   Every later line is one record (absent fields dropped); end of input ends
 *   the result. Pagination is not sent.
 * - stdout: the output, passed through unchanged (to the terminal, a pipe, or
 *   the file being written atomically).
 * - stderr: passed through to ax's stderr.
 * - exit status: non-zero fails the command, naming the program and status.
 * - `ax-format-<name> --ax-describe` (optional) prints
 *   `{"ax_format_version":1,"description":"…","extensions":[".tsv"],"binary":false}`
 *   within {@link DESCRIBE_TIMEOUT_MS}; without it the format has no
 *   extensions and is treated as text.
 */
import type { Writable } from "node:stream";
import { basename } from "node:path";
import { withoutAbsent } from "../_records.ts";
import type { Format, OutputInfo, Row, Sink } from "../types.ts";
import type { Context } from "../../runtime/context.ts";
import { AxError } from "../../runtime/errors.ts";
import { FORMAT_EXTENSION } from "./validate.ts";

/** The protocol version ax speaks, sent in the first line of stdin. */
export const PROTOCOL_VERSION = 1;

/** How long `--ax-describe` may take before the plugin counts as broken. */
export const DESCRIBE_TIMEOUT_MS = 3000;

/** What `--ax-describe` tells about a program. */
export interface ExecutableDescription {
  readonly description: string;
  readonly extensions: readonly string[];
  readonly binary: boolean;
}

/** node:child_process, loaded only when a plugin runs: it costs start-up time in a Bun binary. */
async function loadSpawn(): Promise<typeof import("node:child_process").spawn> {
  return (await import("node:child_process")).spawn;
}

function childEnv(ctx: Context): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(ctx.env)) if (value !== undefined) env[key] = value;
  return env;
}

/**
 * Runs `path --ax-describe`. Returns undefined when the program does not
 * speak that part of the protocol (anything but a JSON object carrying
 * `ax_format_version` on stdout with exit 0); throws when it answers wrongly
 * or not at all.
 */
export async function describeExecutable(
  path: string,
  ctx: Context,
): Promise<ExecutableDescription | undefined> {
  const spawn = await loadSpawn();
  return await new Promise((resolve, reject) => {
    const child = spawn(path, ["--ax-describe"], {
      cwd: ctx.cwd,
      env: childEnv(ctx),
      stdio: ["ignore", "pipe", "ignore"],
    });
    let output = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (text: string) => {
      output += text;
      if (output.length > 65_536) child.kill();
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, DESCRIBE_TIMEOUT_MS);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run it: ${error.message}`));
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(new Error(`no answer to --ax-describe within ${DESCRIBE_TIMEOUT_MS / 1000} s`));
        return;
      }
      if (code !== 0) return resolve(undefined);
      try {
        resolve(parseDescription(output));
      } catch (error) {
        reject(error);
      }
    });
  });
}

function parseDescription(output: string): ExecutableDescription | undefined {
  let answer: unknown;
  try {
    answer = JSON.parse(output);
  } catch {
    return undefined;
  }
  if (typeof answer !== "object" || answer === null || !("ax_format_version" in answer)) {
    return undefined;
  }
  const { ax_format_version, description, extensions = [], binary = false } = answer as Record<
    string,
    unknown
  >;
  if (ax_format_version !== PROTOCOL_VERSION) {
    throw new Error(
      `--ax-describe: ax_format_version ${JSON.stringify(ax_format_version)} is not supported ` +
        `(ax speaks ${PROTOCOL_VERSION})`,
    );
  }
  if (typeof description !== "string" || description.trim() === "") {
    throw new Error("--ax-describe: 'description' must be a non-empty string");
  }
  if (
    !Array.isArray(extensions) ||
    !extensions.every((e) => typeof e === "string" && FORMAT_EXTENSION.test(e))
  ) {
    throw new Error(`--ax-describe: 'extensions' must be an array like [".tsv"]`);
  }
  if (typeof binary !== "boolean") throw new Error("--ax-describe: 'binary' must be true or false");
  return { description, extensions, binary };
}

/** A Format that runs the program at `path` for each output. */
export function executableFormat(
  plugin: { name: string; path: string; description?: ExecutableDescription },
  ctx: Context,
): Format {
  return {
    name: plugin.name,
    description: plugin.description?.description ?? `External program ${basename(plugin.path)}`,
    extensions: plugin.description?.extensions ?? [],
    binary: plugin.description?.binary ?? false,
    write: (records, sink, info) => runExecutable(records, { sink, info, ctx, plugin }),
  };
}

async function runExecutable(
  records: AsyncIterable<Row>,
  run: { sink: Sink; info: OutputInfo; ctx: Context; plugin: { name: string; path: string } },
): Promise<void> {
  const { sink, info, ctx, plugin } = run;
  const spawn = await loadSpawn();
  const child = spawn(plugin.path, [], {
    cwd: ctx.cwd,
    env: childEnv(ctx),
    stdio: ["pipe", "pipe", "pipe"],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      child.once("error", reject);
      child.once("close", (code, signal) => resolve({ code, signal }));
    },
  );
  // Observed below; this only keeps an early spawn failure from going unhandled.
  exited.catch(() => {});

  // The program's stdout goes to the sink at the sink's pace.
  let sinkError: unknown;
  let written = Promise.resolve();
  child.stdout.on("data", (chunk: Uint8Array) => {
    child.stdout.pause();
    written = written.then(() => sink.write(new Uint8Array(chunk))).then(
      () => void child.stdout.resume(),
      (error) => {
        sinkError ??= error;
        child.kill();
      },
    );
  });
  const messages: Promise<void>[] = [];
  child.stderr.on("data", (chunk: Uint8Array) => {
    messages.push(ctx.stderr.write(new Uint8Array(chunk)).catch(() => {}));
  });

  // The output's own signal when it has one: it also fires when a new
  // secret's hand-over outlives the timeout (S8), and the program must die then.
  const signal = info.signal ?? ctx.signal;
  const stop = () => child.kill("SIGKILL");
  if (signal.aborted) stop();
  signal.addEventListener("abort", stop, { once: true });
  try {
    await feed(child.stdin, records, schemaLine({ info, sink, name: plugin.name }));
    let result;
    try {
      result = await exited;
    } catch (error) {
      throw new AxError(`Cannot run format plugin ${plugin.path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    await written;
    await Promise.all(messages);
    if (signal.aborted) throw signal.reason;
    if (sinkError !== undefined) throw sinkError;
    if (result.code !== 0) {
      const how = result.signal
        ? `was killed by ${result.signal}`
        : `exited with status ${result.code}`;
      throw new AxError(`Format plugin ${plugin.path} ${how}.`);
    }
  } finally {
    signal.removeEventListener("abort", stop);
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}

// Lines are batched into chunks of about this many characters: one pipe
// write per record would dominate the cost of a long list.
const FEED_CHUNK = 65_536;

/**
 * Writes the schema line and the records to the program's stdin. A program
 * that stops reading (exits early, closes stdin) ends the feed quietly: its
 * exit status decides the outcome, not our EPIPE.
 */
async function feed(
  stdin: Writable,
  records: AsyncIterable<Row>,
  schema: Record<string, unknown>,
): Promise<void> {
  let closed = false;
  stdin.on("error", () => {
    closed = true;
  });
  const send = (text: string) =>
    new Promise<void>((resolve) => {
      if (closed || stdin.destroyed) {
        closed = true;
        return resolve();
      }
      if (stdin.write(text)) return resolve();
      const settle = () => {
        stdin.off("drain", settle);
        stdin.off("close", settle);
        resolve();
      };
      stdin.on("drain", settle);
      stdin.on("close", settle);
    });

  let pending = JSON.stringify(schema) + "\n";
  for await (const row of records) {
    pending += JSON.stringify(withoutAbsent(row)) + "\n";
    if (pending.length < FEED_CHUNK) continue;
    await send(pending);
    pending = "";
    if (closed) return;
  }
  await send(pending);
  if (!closed) stdin.end();
}

function schemaLine(
  options: { info: OutputInfo; sink: Sink; name: string },
): Record<string, unknown> {
  const { info, sink, name } = options;
  return {
    ax_format_version: PROTOCOL_VERSION,
    format: name,
    shape: info.shape,
    collection: info.collection,
    columns: info.columns,
    ...(info.displayOrder ? { display_order: info.displayOrder } : {}),
    is_terminal: sink.isTerminal,
    color: info.color,
    ...(sink.isTerminal && sink.width ? { width: sink.width } : {}),
  };
}
