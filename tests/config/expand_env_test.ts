import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { expandEnv, hasEnvReference, UnsetVariableError } from "../../config/expand_env.ts";

describe("expandEnv", () => {
  const env = { KEY: "ak-123", EMPTY: "", HOST: "h.example" };
  const cases: [string, string][] = [
    ["${KEY}", "ak-123"],
    ["prefix-${KEY}-suffix", "prefix-ak-123-suffix"],
    ["${MISSING:fallback}", "fallback"],
    ["${MISSING:}", ""],
    ["${KEY:fallback}", "ak-123"],
    ["${EMPTY:fallback}", ""], // set (even empty) wins, as in the reference CLI
    ["https://${HOST}:${PORT:8443}", "https://h.example:8443"],
    ["plain $KEY and $ alone", "plain $KEY and $ alone"],
    ["${MY-VAR:x}", "x"], // the reference takes any name up to ':' or '}'
    ["${KEY:a:b}", "ak-123"],
    ["${MISSING:a:b}", "a:b"],
    ["${}", "${}"],
  ];
  for (const [input, expected] of cases) {
    it(`${input} → ${JSON.stringify(expected)}`, () =>
      assert.equal(expandEnv(input, env), expected));
  }
  it("throws naming the variable when it is unset and has no default", () => {
    assert.throws(() => expandEnv("x${NOPE}y", env), (error: unknown) => {
      assert.ok(error instanceof UnsetVariableError);
      assert.equal(error.variable, "NOPE");
      return true;
    });
  });
  it("detects references", () => {
    assert.equal(hasEnvReference("${A}"), true);
    assert.equal(hasEnvReference("ak-abc"), false);
  });
});
