/**
 * The Bun half of scripts/compile.ts, run by Bun itself:
 *
 *   bun scripts/_bun_build.ts '<BunBuildRequest as JSON>'
 *
 * Builds one standalone binary with `Bun.build`, the same build as
 * `bun build --compile --splitting --minify --bytecode --format=esm` plus one
 * plugin the command line cannot take: commander's imports of
 * `node:child_process`, `node:fs` and `node:util` are made lazy. Commander
 * needs the first two only for stand-alone executable subcommands (ax has
 * none) and the third for `stripVTControlCharacters`; importing them costs
 * about 5 ms of every start-up of a Bun binary (measured: `ax --help` 20.6 →
 * 15.8 ms). The replacements load the same built-ins on first use, through
 * `process.getBuiltinModule`, and Bun's own `Bun.stripANSI` strips colour.
 *
 * Prints Bun's build log on failure and exits 1.
 */

/** What scripts/compile.ts asks for. */
export interface BunBuildRequest {
  entry: string;
  outfile: string;
  /** Bun's target name, e.g. `bun-linux-x64`. */
  target: string;
  bytecode: boolean;
  /** `--define` pairs: identifier → JavaScript expression. */
  define: Record<string, string>;
}

/** The part of a Bun.build plugin used here. */
interface PluginBuilder {
  onLoad(
    options: { filter: RegExp },
    load: (args: { path: string }) => Promise<{ contents: string; loader: "js" }>,
  ): void;
}

/** The part of the Bun global used here (scripts/ are type-checked by Deno). */
interface BunApi {
  argv: string[];
  file(path: string): { text(): Promise<string> };
  build(config: unknown): Promise<{ success: boolean; logs: unknown[] }>;
}

const LAZY_CHILD_PROCESS = "const childProcess = { spawn: (...args) => " +
  "process.getBuiltinModule('node:child_process').spawn(...args) };";
const LAZY_FS = "const fs = { " +
  "existsSync: (...args) => process.getBuiltinModule('node:fs').existsSync(...args), " +
  "realpathSync: (...args) => process.getBuiltinModule('node:fs').realpathSync(...args) };";
const STRIP_VT = "const stripVTControlCharacters = (text) => " +
  "(globalThis.Bun?.stripANSI ?? " +
  "globalThis.process.getBuiltinModule('node:util').stripVTControlCharacters)(text);";

/**
 * Exact import lines of commander 15 and what replaces them, per file. The
 * rest of each file uses only `spawn`, `existsSync`, `realpathSync` and
 * `stripVTControlCharacters` of these modules (and `process` is imported by
 * command.js itself).
 */
const COMMANDER_IMPORTS: Record<string, Record<string, string>> = {
  "command.js": {
    "import childProcess from 'node:child_process';": LAZY_CHILD_PROCESS,
    "import fs from 'node:fs';": LAZY_FS,
    "import { stripVTControlCharacters } from 'node:util';": STRIP_VT,
  },
  "help.js": {
    "import { stripVTControlCharacters } from 'node:util';": STRIP_VT,
  },
};

/** The uses a shim supports; any other use of the module would break, so it fails the build. */
const ALLOWED_USES: Record<string, RegExp> = {
  childProcess: /\bchildProcess\.(?!spawn\b)\w+/,
  fs: /(?<![\w.])fs\.(?!existsSync\b|realpathSync\b)\w+/,
};

/** Rewrites one commander file; throws when its imports are not the expected ones. */
export function lazyCommanderImports(file: string, text: string): string {
  const replacements = COMMANDER_IMPORTS[file];
  if (!replacements) return text;
  let out = text;
  for (const [from, to] of Object.entries(replacements)) {
    if (!out.includes(from)) {
      throw new Error(
        `commander's ${file} no longer has \`${from}\`: update scripts/_bun_build.ts`,
      );
    }
    out = out.replace(from, to);
  }
  for (const other of Object.values(ALLOWED_USES)) {
    const use = other.exec(out);
    if (use) throw new Error(`commander's ${file} uses ${use[0]}: update scripts/_bun_build.ts`);
  }
  return out;
}

async function main(bun: BunApi): Promise<number> {
  const request = JSON.parse(bun.argv[2]) as BunBuildRequest;
  const result = await bun.build({
    entrypoints: [request.entry],
    compile: {
      target: request.target,
      outfile: request.outfile,
      // Without these two, a Bun binary reads `.env` and runs `bunfig.toml`
      // preload scripts from whatever directory it is started in (S6).
      autoloadDotenv: false,
      autoloadBunfig: false,
    },
    // Code splitting keeps dynamically imported modules (the emulator, shell
    // completion, parquet, the command groups) in their own chunks, together
    // with the node: built-ins they import; in one chunk Bun hoists those
    // imports and loads them on every start.
    splitting: true,
    minify: true,
    bytecode: request.bytecode,
    format: "esm",
    define: request.define,
    plugins: [{
      name: "lazy-commander-builtins",
      setup(build: PluginBuilder) {
        build.onLoad({ filter: /[\\/]commander[\\/]lib[\\/](command|help)\.js$/ }, async (args) => {
          const file = args.path.split(/[\\/]/).at(-1)!;
          const text = await bun.file(args.path).text();
          return { contents: lazyCommanderImports(file, text), loader: "js" };
        });
      },
    }],
  });
  if (!result.success) {
    for (const log of result.logs) console.error(String(log));
    return 1;
  }
  return 0;
}

const bunGlobal = (globalThis as { Bun?: BunApi }).Bun;
if (import.meta.main && bunGlobal) {
  try {
    (globalThis as { process?: { exitCode?: number } }).process!.exitCode = await main(bunGlobal);
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    (globalThis as { process?: { exitCode?: number } }).process!.exitCode = 1;
  }
}
