/**
 * The one runtime adapter: everything ax does differently under Bun (the
 * compiled binaries) and Deno (development, tests) is asked for here, and no
 * other module outside main.ts looks at `globalThis.Bun` or `globalThis.Deno`.
 * Each function has a portable answer; Bun's native one is used only where it
 * was measured to matter (BENCHMARKS.md, "Performance devices").
 *
 * - {@link isTerminal}: Bun's private `tty_wrap` binding, because touching
 *   `process.stdout` or `node:tty` in a Bun binary loads Node's stream
 *   machinery (1.5–2 ms of every start-up, measured);
 * - {@link bunStdio}: `Bun.write` to stdout/stderr (same reason);
 * - {@link nativeStringWidth}: `Bun.stringWidth` instead of loading
 *   string-width, whose Intl.Segmenter costs ~2 ms at load;
 * - {@link collectGarbage}: Bun's collector is lazy, so long lists ask for a
 *   full collection to keep peak memory flat (Deno needs none);
 * - {@link globNames}: `Bun.Glob`, which lists PATH folders for plugin
 *   discovery without loading `node:fs/promises`;
 * - {@link runtimeKind} and {@link denoHttpClient}: how fetch takes a proxy
 *   and a CA bundle (runtime/network_fetch.ts); {@link runtimeName} for
 *   `--version`.
 *
 * @module
 */
import process from "node:process";

/** The parts of the Bun global ax uses. */
interface BunApi {
  stdout: unknown;
  stderr: unknown;
  write(destination: unknown, data: string | Uint8Array): Promise<number>;
  stringWidth?(text: string): number;
  gc?(force: boolean): void;
  Glob?: new (pattern: string) => {
    scan(options: { cwd: string; onlyFiles: boolean }): AsyncIterable<string>;
  };
}

/** The parts of the Deno global ax uses. */
interface DenoApi {
  createHttpClient?: (options: Record<string, unknown>) => unknown;
}

/** Read at each call: tests stand in a fake Bun for one call. */
function bunGlobal(): BunApi | undefined {
  return (globalThis as { Bun?: BunApi }).Bun;
}

const bun = bunGlobal();

/** Which runtime runs ax: `bun` (the compiled binaries), `deno`, or `node`. */
export const runtimeKind: "bun" | "deno" | "node" = bun
  ? "bun"
  : (globalThis as { Deno?: unknown }).Deno
  ? "deno"
  : "node";

/** The runtime and its version, e.g. `bun 1.4.5` (for `--version` and crash reports). */
export function runtimeName(): string {
  const g = globalThis as { Bun?: { version: string }; Deno?: { version: { deno: string } } };
  if (g.Bun) return `bun ${g.Bun.version}`;
  if (g.Deno) return `deno ${g.Deno.version.deno}`;
  return `node ${process.versions.node}`;
}

/** Deno's `Deno.createHttpClient` (proxy, CA certificates), or undefined elsewhere. */
export function denoHttpClient(): DenoApi["createHttpClient"] {
  return (globalThis as { Deno?: DenoApi }).Deno?.createHttpClient;
}

/** The one function of Bun's `tty_wrap` binding used here. */
interface TtyBinding {
  isTTY(fd: number): boolean;
}
let ttyBinding: TtyBinding | null | undefined;

/**
 * True when `fd` is a terminal. Bun's binding answers without building a
 * stream; elsewhere, and if the binding ever goes away, the streams do.
 */
export function isTerminal(fd: 0 | 1 | 2): boolean {
  if (ttyBinding === undefined) {
    try {
      const bindings = process as unknown as { binding(name: string): Partial<TtyBinding> };
      const binding = bun ? bindings.binding("tty_wrap") : undefined;
      ttyBinding = typeof binding?.isTTY === "function" ? binding as TtyBinding : null;
    } catch {
      ttyBinding = null;
    }
  }
  if (ttyBinding) return ttyBinding.isTTY(fd);
  return [process.stdin, process.stdout, process.stderr][fd].isTTY === true;
}

/** Writes to stdout (1) or stderr (2) without Node's streams; Bun only. */
export interface BunStdio {
  write(fd: 1 | 2, chunk: string | Uint8Array): Promise<number>;
}

/** Bun's own standard-stream writes, or undefined outside Bun (use the Node streams). */
export const bunStdio: BunStdio | undefined = bun && {
  write: (fd, chunk) => bun.write(fd === 1 ? bun.stdout : bun.stderr, chunk),
};

/** Bun's native terminal width of a string, or undefined outside Bun. */
export const nativeStringWidth: ((text: string) => number) | undefined = bun?.stringWidth;

/** A synchronous full garbage collection under Bun; nothing elsewhere (Deno collects on its own). */
export function collectGarbage(): void {
  bunGlobal()?.gc?.(true);
}

/**
 * Names in `folder` starting with `prefix` (no glob characters), in no
 * particular order, through `Bun.Glob`, which matches natively and builds
 * strings only for the matches. Undefined outside Bun: the caller reads the
 * folder itself. Rejects when the folder cannot be read.
 */
export function globNames(folder: string, prefix: string): Promise<string[]> | undefined {
  const Glob = bun?.Glob;
  if (!Glob) return undefined;
  return (async () => {
    const names: string[] = [];
    for await (const name of new Glob(`${prefix}*`).scan({ cwd: folder, onlyFiles: false })) {
      names.push(name);
    }
    return names;
  })();
}
