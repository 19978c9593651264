/**
 * Completion in real shells: bash (with and without the bash-completion
 * package), zsh and fish run inside tmux with the compiled binary on PATH as
 * `ax` and its completion script loaded from the rc file. Keys are typed, TAB
 * is pressed, and the screen is read back. Key IDs come live from a real
 * fx.emu. A shell that is not installed is skipped with the reason.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type TestBinary, testBinary } from "../compile/_binary.ts";
import { useEmulator } from "../_helpers/emulator_fixture.ts";
import { haveTmux, startShell } from "./_tmux.ts";

const PROMPT = "AXPROMPT> ";
const BASH_COMPLETION = "/usr/share/bash-completion/bash_completion";
/** A second `source` must be silent (it used to print `readonly variable` errors). */
const SOURCE_BASH_TWICE = "source <(ax completion bash)\nsource <(ax completion bash)\n";

/** Space names every shell must insert so that the command receives them unchanged. */
const HARD_NAMES = ["My Space", "Bob's $HOME space", "a*b", "back\\slash"];

/** One way of running a shell with ax's completion loaded. */
interface ShellSetup {
  label: string;
  program: string;
  /** Extra reason to skip, beyond the program missing. */
  missing?: () => string | undefined;
  /**
   * TABs until a list shows: bash lists on a second TAB that inserts nothing
   * (so a shared prefix costs a third), zsh on the first or second, fish on
   * the first.
   */
  tabs: { noPrefix: number; sharedPrefix: number };
  /** Writes rc files into `home` and returns the argv and extra environment. */
  prepare(home: string): { argv: string[]; env?: Record<string, string> };
}

const SHELLS: ShellSetup[] = [
  {
    label: "bash with bash-completion",
    program: "bash",
    missing: () => existsSync(BASH_COMPLETION) ? undefined : `${BASH_COMPLETION} not installed`,
    tabs: { noPrefix: 2, sharedPrefix: 3 },
    prepare(home) {
      const rc = join(home, ".bashrc");
      writeFileSync(
        rc,
        `PS1='${PROMPT}'\nsource ${BASH_COMPLETION}\n${SOURCE_BASH_TWICE}`,
      );
      return { argv: ["bash", "--noprofile", "--rcfile", rc, "-i"] };
    },
  },
  {
    label: "bash without bash-completion",
    program: "bash",
    tabs: { noPrefix: 2, sharedPrefix: 3 },
    prepare(home) {
      const rc = join(home, ".bashrc");
      writeFileSync(rc, `PS1='${PROMPT}'\n${SOURCE_BASH_TWICE}`);
      return { argv: ["bash", "--noprofile", "--rcfile", rc, "-i"] };
    },
  },
  {
    label: "zsh",
    program: "zsh",
    tabs: { noPrefix: 2, sharedPrefix: 2 },
    prepare(home) {
      writeFileSync(
        join(home, ".zshrc"),
        // bindkey -e: the keys typed are emacs keys; zsh would pick vi keys
        // when EDITOR says vi (npx, which CI runs the suite through, sets it).
        `PS1='${PROMPT}'\nbindkey -e\nautoload -Uz compinit && compinit -u -D\nsource <(ax completion zsh)\n`,
      );
      return { argv: ["zsh", "-i"], env: { ZDOTDIR: home } };
    },
  },
  {
    label: "fish",
    program: "fish",
    tabs: { noPrefix: 1, sharedPrefix: 1 },
    prepare() {
      const init = `set -g fish_greeting ''; function fish_prompt; echo -n '${PROMPT}'; end; ` +
        "ax completion fish | source";
      return { argv: ["fish", "--no-config", "--init-command", init] };
    },
  },
];

/** The last non-blank line of a screen. */
function lastLine(screen: string): string {
  return screen.trimEnd().split("\n").at(-1) ?? "";
}

function installed(program: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${program}`]).status === 0;
}

const binary: TestBinary | undefined = haveTmux() ? await testBinary() : undefined;
const skipAll = binary ? binary.skip : "tmux is not installed";
if (skipAll) console.log(`skipping real-shell completion tests: ${skipAll}`);

describe("completion in real shells", { skip: skipAll }, () => {
  let dir = "";
  let binDir = "";
  const fx = useEmulator("shells");
  const keyIds: string[] = [];
  /** IDs of the two spaces named `Twin`. */
  const twinIds: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "ax-shells-"));
    binDir = join(dir, "bin");
    mkdirSync(binDir);
    symlinkSync(binary!.file(), join(binDir, "ax"));
    // The third name carries a right-to-left override: menus show it escaped (S4).
    for (const name of ["laptop", "ci", "safe\u202eexe.txt"]) {
      const response = await fetch(`${fx.emu.url}/v2/api-keys`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${fx.emu.adminKey}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ name, key_type: "user" }),
      });
      assert.equal(response.status, 201);
      keyIds.push(((await response.json()) as { id: string }).id);
    }
    for (const name of [...HARD_NAMES, "Twin", "Twin"]) {
      const space = await fx.emu.admin("POST", "spaces", { name }) as { id: string };
      if (name === "Twin") twinIds.push(space.id);
    }
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  for (const setup of SHELLS) {
    const reason = installed(setup.program)
      ? setup.missing?.()
      : `${setup.program} is not installed (apt-get install ${setup.program})`;
    if (reason) console.log(`skipping ${setup.label}: ${reason}`);

    describe(setup.label, { skip: reason ?? false }, () => {
      /** Opens the shell, types `line`, presses TAB `tabs` times, waits for `want`. */
      async function typeAndTab(line: string, tabs: number, want: string[]): Promise<string> {
        const shell = await open();
        try {
          shell.send({ literal: line });
          await shell.waitFor((s) => s.includes(line.trimEnd()), "the typed line");
          for (let i = 0; i < tabs; i++) shell.send("Tab");
          return await shell.waitFor(
            (s) => want.every((w) => s.includes(w)),
            `${want.join(", ")} after ${line}<TAB>`,
          );
        } finally {
          shell.close();
        }
      }

      /**
       * Types `line`, presses TAB once, then runs the completed line as the
       * arguments of `printf '<%s>\n'` and returns what the command received,
       * one word per entry: how the shell reads what completion inserted.
       */
      async function tabAndRun(line: string, typedAfter = ""): Promise<string[]> {
        const shell = await open();
        try {
          shell.send({ literal: line });
          await shell.waitFor((s) => s.includes(line), "the typed line");
          shell.send("Tab");
          const completed = await shell.waitFor(
            (s) => lastLine(s) !== `${PROMPT}${line}`,
            `something inserted after ${line}<TAB>`,
          );
          if (typedAfter) shell.send({ literal: typedAfter });
          shell.send("C-a", { literal: "printf '<%s>\\n' " }, "Enter");
          const screen = await shell.waitFor(
            (s) => s.includes("<ax>") && lastLine(s) === PROMPT.trimEnd(),
            `the words of ${lastLine(completed)}`,
          );
          return [...screen.matchAll(/^<(.*)>$/gm)].map((m) => m[1]);
        } finally {
          shell.close();
        }
      }

      async function open() {
        const home = mkdtempSync(join(dir, "home-"));
        const { argv, env } = setup.prepare(home);
        mkdirSync(join(home, "ax-config", "profiles"), { recursive: true });
        for (const name of ["prod-eu", "prod-us"]) {
          writeFileSync(join(home, "ax-config", "profiles", `${name}.toml`), "");
        }
        const shell = startShell({
          dir: home,
          argv,
          env: {
            PATH: `${binDir}:/usr/local/bin:/usr/bin:/bin`,
            HOME: home,
            XDG_CONFIG_HOME: join(home, ".config"),
            XDG_DATA_HOME: join(home, ".local", "share"),
            LANG: "C.UTF-8",
            ARIZE_API_KEY: fx.emu.adminKey,
            ARIZE_BASE_URL: fx.emu.url,
            AX_CONFIG_DIR: join(home, "ax-config"),
            ...env,
          },
        });
        try {
          const screen = await shell.waitFor((s) => s.includes(PROMPT.trimEnd()), "the prompt");
          // Loading the script (twice, for bash) printed nothing.
          assert.equal(screen.trim(), PROMPT.trimEnd(), "the shell started without messages");
        } catch (error) {
          shell.close();
          throw error;
        }
        return shell;
      }

      it("completes `ax api-<TAB>` to `ax api-keys`", async () => {
        const screen = await typeAndTab("ax api-", 1, [`${PROMPT}ax api-keys`]);
        assert.ok(!screen.includes("ax api-keys-"), screen);
      });

      it("lists the --status values on `ax api-keys list --status <TAB><TAB>`", async () => {
        const screen = await typeAndTab("ax api-keys list --status ", setup.tabs.noPrefix, [
          "active",
          "revoked",
        ]);
        const below = screen.slice(screen.indexOf("--status"));
        assert.match(below, /active/);
        assert.match(below, /revoked/);
      });

      it("lists live key IDs with their names (escaped) on `ax api-keys revoke <TAB><TAB>`", async () => {
        // The IDs share a prefix, which fish's pager shortens to `…`: their ends identify them.
        const ends = keyIds.map((id) => id.slice(-10));
        const screen = await typeAndTab("ax api-keys revoke ", setup.tabs.sharedPrefix, [
          ...ends,
          "laptop",
          "ci",
          "safe\\u202eexe.txt",
        ]);
        assert.ok(!screen.includes("\u202e"), "no raw right-to-left override on the screen");
        assert.match(screen, /ax api-keys revoke \S/, "the shared prefix was inserted");
        const typed = screen.split("\n").find((l) => l.includes("ax api-keys revoke")) ?? "";
        assert.doesNotMatch(typed, /[()]/, "only the ID prefix was inserted, not a name");
      });

      const quoted: [string, string][] = [
        ["ax api-keys list --space My", "My Space"],
        ['ax api-keys list --space "My', "My Space"],
        ["ax api-keys list --space Bo", "Bob's $HOME space"],
        ["ax api-keys list --space 'Bo", "Bob's $HOME space"],
        ["ax api-keys list --space a", "a*b"],
        ["ax api-keys list --space ba", "back\\slash"],
        ['ax api-keys list --space "ba', "back\\slash"],
      ];
      for (const [line, value] of quoted) {
        it(`inserts ${JSON.stringify(value)} on \`${line}<TAB>\` so the command receives it`, async () => {
          const words = await tabAndRun(line);
          assert.deepEqual(words, ["ax", "api-keys", "list", "--space", value]);
        });
      }

      it("completes `--status=r<TAB>` to `--status=revoked`", async () => {
        assert.deepEqual(await tabAndRun("ax api-keys list --status=r"), [
          "ax",
          "api-keys",
          "list",
          "--status=revoked",
        ]);
      });

      it("completes profile names on `ax profiles show prod-e<TAB>`", async () => {
        assert.deepEqual(await tabAndRun("ax profiles show prod-e"), [
          "ax",
          "profiles",
          "show",
          "prod-eu",
        ]);
      });

      const helpWords: [string, string[]][] = [
        ["ax help api-keys l", ["ax", "help", "api-keys", "list"]],
        ["ax api-keys help ref", ["ax", "api-keys", "help", "refresh"]],
        ["ax help exit", ["ax", "help", "exit-codes"]],
      ];
      for (const [line, words] of helpWords) {
        it(`completes help's words: \`${line}<TAB>\``, async () => {
          assert.deepEqual(await tabAndRun(line), words);
        });
      }

      for (
        const line of [
          "ax api-keys list --columns name,created_a",
          "ax api-keys list --columns=created_a",
        ]
      ) {
        it(`completes a --columns item with no space after it: \`${line}<TAB>\``, async () => {
          const words = await tabAndRun(line, ",id");
          assert.deepEqual(words.slice(0, 3), ["ax", "api-keys", "list"]);
          assert.match(
            words.slice(3).join(" "),
            /^(--columns name,created_at,id|--columns=created_at,id)$/,
          );
        });
      }

      it("lists long options too on `ax api-keys list -<TAB>`", async () => {
        await typeAndTab("ax api-keys list -", setup.tabs.noPrefix, ["--all", "--profile", "-l"]);
      });

      it("offers the IDs of two spaces that share a name, the name beside each", async () => {
        const ends = twinIds.map((id) => id.slice(-8));
        const screen = await typeAndTab("ax api-keys list --space ", setup.tabs.noPrefix, [
          ...ends,
          "Twin",
        ]);
        assert.ok(!screen.includes("Twin Twin"), "the name is not offered twice");
      });

      it("shows no `--` beside values without a description", async () => {
        const screen = await typeAndTab("ax api-keys list --status ", setup.tabs.noPrefix, [
          "revoked",
        ]);
        const listed = screen.split("\n").filter((l) =>
          l.includes("revoked") && !l.includes(PROMPT)
        );
        assert.ok(listed.length > 0, screen);
        for (const l of listed) assert.doesNotMatch(l, /--/, screen);
      });
    });
  }
});
