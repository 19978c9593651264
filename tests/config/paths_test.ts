import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  activeProfilePath,
  configDir,
  legacyDefaultProfilePath,
  profileFilePath,
} from "../../config/paths.ts";
import { ConfigError } from "../../runtime/errors.ts";
import { fakeContext } from "../_helpers/fake_context.ts";

describe("configDir", () => {
  it("uses AX_CONFIG_DIR when set", () => {
    const { ctx } = fakeContext({ env: { AX_CONFIG_DIR: "/srv/ax" }, homeDir: "/home/u" });
    assert.equal(configDir(ctx), "/srv/ax");
  });
  it("resolves a relative AX_CONFIG_DIR against the working directory", () => {
    const { ctx } = fakeContext({ env: { AX_CONFIG_DIR: "cfg" }, cwd: "/work/proj" });
    assert.equal(configDir(ctx), join("/work/proj", "cfg"));
  });
  it("falls back to <home>/.arize, also when AX_CONFIG_DIR is empty", () => {
    const { ctx } = fakeContext({ env: { AX_CONFIG_DIR: "" }, homeDir: "/home/u" });
    assert.equal(configDir(ctx), join("/home/u", ".arize"));
  });
  it("throws a ConfigError naming AX_CONFIG_DIR when there is no home", () => {
    const { ctx } = fakeContext({ homeDir: undefined });
    assert.throws(() => configDir(ctx), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.exitCode, 1);
      assert.match(error.hints.join("\n"), /AX_CONFIG_DIR/);
      return true;
    });
  });
  it("lays out files like the reference CLI", () => {
    const { ctx } = fakeContext({ env: { AX_CONFIG_DIR: "/c" } });
    assert.equal(profileFilePath(ctx, "work"), join("/c", "profiles", "work.toml"));
    assert.equal(legacyDefaultProfilePath(ctx), join("/c", "config.toml"));
    assert.equal(activeProfilePath(ctx), join("/c", ".active_profile"));
  });
});
