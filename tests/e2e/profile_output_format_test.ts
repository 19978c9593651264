/**
 * A profile's default output format, end to end: `--output-format` saved by
 * `ax profiles create` and used when -o is absent (-o still wins), the
 * reference CLI's `[output] format` beside ax's own `[output] ax_format`, and
 * a warning at create time when the name is no format ax has (the profile is
 * still saved: a plugin may come later). Real ax against a real emulator.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { useEmulator } from "../_helpers/emulator_fixture.ts";

const fx = useEmulator("profile-output-format");

const noEnvKey = { ARIZE_API_KEY: undefined, ARIZE_BASE_URL: undefined };

async function create(name: string, format: string) {
  return await fx.axExpecting(0, [
    "profiles",
    "create",
    name,
    "--api-key",
    fx.emu.adminKey,
    "--base-url",
    fx.emu.url,
    "--output-format",
    format,
  ], { env: noEnvKey });
}

describe("a profile's output format", () => {
  it("--output-format ndjson: used without -o; -o still wins; no warning", async () => {
    const created = await create("nd", "ndjson");
    assert.doesNotMatch(created.stderr, /Warning/);
    const env = { ...noEnvKey, AX_PROFILE: "nd" };
    const listed = await fx.axExpecting(0, ["spaces", "list"], { env });
    const lines = listed.stdout.trimEnd().split("\n");
    assert.equal(lines.length, fx.emu.spaces.length);
    for (const line of lines) assert.equal(typeof JSON.parse(line).id, "string");
    const csv = await fx.axExpecting(0, ["spaces", "list", "-o", "csv"], { env });
    assert.match(csv.stdout, /^id,name,/);
  });

  it("an unknown name is saved with a warning naming it and the formats there are", async () => {
    const created = await create("typo", "jsn");
    assert.match(created.stderr, /no format is called 'jsn' \(formats: table, wide, json,/);
    const used = await fx.axExpecting(2, ["spaces", "list"], {
      env: { ...noEnvKey, AX_PROFILE: "typo" },
    });
    assert.match(used.stderr, /Unknown output format 'jsn' \(the profile's \[output\] ax_format\)/);
  });

  it("a plugin's name is known: no warning", async () => {
    const plugins = join(fx.box.configDir, "plugins");
    mkdirSync(plugins, { recursive: true });
    writeFileSync(
      join(plugins, "names.js"),
      `export default { name: "names", description: "names", extensions: [], binary: false,
        async write(records, sink) { for await (const r of records) await sink.write(r.name + "\\n"); } };`,
    );
    const created = await create("plug", "names");
    assert.doesNotMatch(created.stderr, /Warning/);
    const listed = await fx.axExpecting(0, ["spaces", "list"], {
      env: { ...noEnvKey, AX_PROFILE: "plug" },
    });
    assert.deepEqual(
      listed.stdout.trimEnd().split("\n").sort(),
      fx.emu.spaces.map((s) => s.name).sort(),
    );
  });

  it("a reference-written file: [output] ax_format beats format", async () => {
    const host = new URL(fx.emu.url).host;
    writeFileSync(
      join(fx.box.configDir, "profiles", "ref.toml"),
      `[profile]\nname = "ref"\n\n[auth]\nauth_method = "api-key"\napi_key = "${fx.emu.adminKey}"\n\n` +
        `[routing]\napi_host = "${host}"\napi_scheme = "http"\napp_host = "app.arize.com"\n\n` +
        `[output]\nformat = "json"\nax_format = "csv"\n`,
    );
    const listed = await fx.axExpecting(0, ["spaces", "list", "--profile", "ref"], {
      env: noEnvKey,
    });
    assert.match(listed.stdout, /^id,name,/);
    const shown = await fx.axExpecting(0, ["profiles", "show", "ref", "-o", "json"], {
      env: noEnvKey,
    });
    assert.equal(JSON.parse(shown.stdout).output_format_source, "profile [output] ax_format");
  });

  it("an unknown [output] ax_format is named as such, not as [output] format", async () => {
    const typo = await fx.axExpecting(0, ["profiles", "show", "typo", "-o", "json"], {
      env: noEnvKey,
    });
    assert.equal(JSON.parse(typo.stdout).output_format_source, "profile [output] ax_format");
    const host = new URL(fx.emu.url).host;
    writeFileSync(
      join(fx.box.configDir, "profiles", "refbad.toml"),
      `[auth]\napi_key = "${fx.emu.adminKey}"\n[routing]\napi_host = "${host}"\n` +
        `api_scheme = "http"\n[output]\nformat = "json"\nax_format = "nosuch"\n`,
    );
    const used = await fx.axExpecting(2, ["spaces", "list", "--profile", "refbad"], {
      env: noEnvKey,
    });
    assert.match(
      used.stderr,
      /Unknown output format 'nosuch' \(the profile's \[output\] ax_format\)/,
    );
  });
});
