import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createStatusLine, type Timers } from "../../cli/status_line.ts";
import { captureOutput } from "../_helpers/fake_context.ts";

const ERASE = "\r\x1b[2K";

/** Timers that fire only when the test says so. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; repeat: boolean }>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (fn) => (pending.set(next, { fn, repeat: false }), next++),
    setInterval: (fn) => (pending.set(next, { fn, repeat: true }), next++),
    clearTimeout: (handle) => void pending.delete(handle as number),
    clearInterval: (handle) => void pending.delete(handle as number),
  };
  const fireAll = () => {
    for (const [id, timer] of [...pending]) {
      if (!timer.repeat) pending.delete(id);
      timer.fn();
    }
  };
  return { timers, fireAll, pending };
}

describe("status line", () => {
  it("draws a spinner only once the delay has passed, and erases it", async () => {
    const out = captureOutput(true);
    const clock = manualTimers();
    const line = createStatusLine(out, { color: false, timers: clock.timers });
    line.spin("Creating API key…");
    await line.clear();
    assert.equal(out.text(), "", "nothing before the delay");
    clock.fireAll(); // the delay: first frame
    clock.fireAll(); // one interval: second frame
    await line.stop();
    assert.equal(out.text(), `${ERASE}⠋ Creating API key…${ERASE}⠙ Creating API key…${ERASE}`);
    assert.equal(clock.pending.size, 0, "timers cleared");
  });

  it("a quick request leaves no trace at all", async () => {
    const out = captureOutput(true);
    const clock = manualTimers();
    const line = createStatusLine(out, { color: false, timers: clock.timers });
    line.spin("Revoking API key…");
    await line.stop();
    assert.equal(out.text(), "");
    assert.equal(clock.pending.size, 0);
  });

  it("shows progress at once, dimmed when colour is allowed", async () => {
    const out = captureOutput(true);
    const line = createStatusLine(out, { color: true, timers: manualTimers().timers });
    line.show("Fetched 100 API keys…");
    await line.stop();
    assert.equal(out.text(), `${ERASE}\x1b[2m⠋ Fetched 100 API keys…\x1b[0m${ERASE}`);
  });

  it("erases itself before anything is written to a guarded terminal stream", async () => {
    const err = captureOutput(true);
    const stdout = captureOutput(true);
    const line = createStatusLine(err, { color: false, timers: manualTimers().timers });
    const guarded = line.guard(stdout);
    line.show("Fetched 100 API keys…");
    await guarded.write("row\n");
    assert.equal(err.text(), `${ERASE}⠋ Fetched 100 API keys…${ERASE}`);
    assert.equal(stdout.text(), "row\n");
    assert.equal(line.guard(captureOutput(false)).isTTY, false, "pipes are passed through");
  });

  for (
    const [name, out, enabled, env] of [
      ["stderr is not a terminal", captureOutput(false), true, {}],
      ["it is switched off (verbose)", captureOutput(true), false, {}],
      ["TERM=dumb: no spinner, no cursor movement", captureOutput(true), true, { TERM: "dumb" }],
    ] as const
  ) {
    it(`writes nothing when ${name}`, async () => {
      const clock = manualTimers();
      const line = createStatusLine(out, { color: false, timers: clock.timers, enabled, env });
      line.spin("x");
      line.show("y");
      clock.fireAll();
      await line.stop();
      assert.equal(out.text(), "");
      assert.equal(clock.pending.size, 0);
    });
  }
});
