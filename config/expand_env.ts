/**
 * `${VAR}` and `${VAR:default}` references in profile values, as the reference
 * CLI writes them (e.g. `api_key = "${ARIZE_API_KEY}"` keeps the secret out of
 * the file). A variable that is set, even to an empty string, wins over the
 * default. As in the reference CLI, the name is any text up to the first `:`
 * or `}` (so `${MY-VAR}` is a reference too), and the default runs to the `}`.
 */

const REFERENCE = /\$\{([^}:]+)(?::([^}]*))?\}/g;

/** A `${VAR}` reference with no default whose variable is not set. */
export class UnsetVariableError extends Error {
  /** Name of the missing variable. */
  readonly variable: string;

  constructor(variable: string) {
    super(`environment variable ${variable} is not set and has no default`);
    this.variable = variable;
  }
}

/** True when `value` contains at least one `${VAR}` reference. */
export function hasEnvReference(value: string): boolean {
  return new RegExp(REFERENCE.source).test(value);
}

/**
 * Replaces every `${VAR}` / `${VAR:default}` in `value` from `env`. Throws
 * {@link UnsetVariableError} for an unset variable without a default. Text
 * that is not a reference (including a lone `$`) is kept as is.
 */
export function expandEnv(
  value: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return value.replace(REFERENCE, (_match, name: string, fallback: string | undefined) => {
    const current = env[name];
    if (current !== undefined) return current;
    if (fallback !== undefined) return fallback;
    throw new UnsetVariableError(name);
  });
}
