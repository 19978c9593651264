/** What the client throws once the user pressed Ctrl-C (I4). */
import type { Context } from "../runtime/context.ts";
import { AxError, InterruptedError } from "../runtime/errors.ts";

/**
 * The error to throw once `ctx.signal` has fired: its reason when that is an
 * ax error (main.ts aborts with an InterruptedError), else a new one, so a
 * bare `abort()` still exits 130.
 */
export function interruption(ctx: Context): AxError {
  const reason = ctx.signal.reason;
  return reason instanceof AxError ? reason : new InterruptedError();
}
