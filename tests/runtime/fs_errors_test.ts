import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { errorCode, failureReason } from "../../runtime/fs_errors.ts";

function errno(code: string, message = `${code}: raw message`): Error {
  return Object.assign(new Error(message), { code });
}

describe("failureReason", () => {
  it("puts known errno codes in words", () => {
    assert.equal(failureReason(errno("ENOSPC")), "no space left on device");
    assert.equal(failureReason(errno("EACCES")), "permission denied");
    assert.equal(failureReason(errno("EBADF")), "it is closed");
  });

  it("falls back to the error's message, then its code, then its text", () => {
    assert.equal(failureReason(errno("EXDEV", "cross-device link")), "cross-device link");
    assert.equal(failureReason({ code: "EXDEV" }), "EXDEV");
    assert.equal(failureReason("broken"), "broken");
  });

  it("reads the code of an Error only", () => {
    assert.equal(errorCode(errno("EROFS")), "EROFS");
    assert.equal(errorCode({ code: "EROFS" }), undefined);
    assert.equal(errorCode(new Error("x")), undefined);
  });
});
