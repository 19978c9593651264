/**
 * The help topics `ax help <topic>` prints, offline. This is their only
 * copy: docs/commands.md is generated from them (scripts/docs.ts), and
 * tests/cli/reference_test.ts fails when that file is stale.
 */
import { EXIT } from "../runtime/errors.ts";

/** One help topic: a one-line summary and its text (plain text that reads as Markdown too). */
export interface HelpTopic {
  readonly summary: string;
  readonly body: string;
}

/** The topics, by name. */
export const HELP_TOPICS: Readonly<Record<string, HelpTopic>> = {
  environment: {
    summary: "environment variables ax reads",
    body: `
Environment variables override a profile's settings for one invocation; a
flag (--profile, --timeout, -o) overrides the variable.

  ARIZE_API_KEY       API key for this invocation; overrides the profile's key
                      ([auth] api_key)
  ARIZE_BASE_URL      API base URL (http(s)://host[:port][/path]); overrides
                      the profile's routing
  AX_PROFILE          profile to use instead of the active one (--profile
                      wins over it)
  AX_CONFIG_DIR       configuration directory instead of ~/.arize
  AX_TIMEOUT          per-request timeout in seconds (positive, up to 86400;
                      default 30; --timeout wins over it)
  AX_PLUGIN_PATH      extra format plugin files or folders, separated like PATH
  DISABLE_PRERELEASE_WARNING
                      true, 1 or yes silences the one-time ALPHA notice of
                      ax api-keys
  NO_COLOR, CLICOLOR=0, TERM=dumb
                      no colour (CLICOLOR_FORCE=1 forces it)
  HTTPS_PROXY, HTTP_PROXY, NO_PROXY
                      proxy (a profile's [network] section also sets one)
  NODE_EXTRA_CA_CERTS extra CA certificates (PEM file) to trust, like a
                      profile's [network] ca_bundle
  ARIZE_REQUEST_VERIFY
                      false turns TLS certificate checks off (a warning is
                      printed on every run); prefer a CA bundle

A bad value of AX_TIMEOUT, ARIZE_BASE_URL or AX_PROFILE is a usage error
(exit ${EXIT.USAGE}) naming the variable.
`,
  },
  "exit-codes": {
    summary: "what each exit status means",
    body: `
Every error is one line on stderr naming the option or file involved, with
hints below it, and one of these exit statuses:

  ${EXIT.OK}    success, including an empty list and a revoke answered "no"
  ${EXIT.GENERAL}    general error: no credentials, unknown space name, network failure
       or timeout, an answer over the size cap, a broken format plugin
  ${EXIT.USAGE}    usage error: bad option or value, missing argument, a destructive
       command without --force and no terminal; nothing was sent
  ${EXIT.AUTH}    authentication failed (401): the key is wrong, revoked or expired
  ${EXIT.API}    any other API error (400, 403, 404, 422, 429…), or a server that
       misbehaves (a pagination cursor that loops, endless empty pages);
       revoke --dry-run naming an ID that no key you can list has
  ${EXIT.FILE}    a file could not be written or is not a place ax will write (-o FILE,
       --env-file): missing folder, read-only, full disk, symlink, FIFO
  ${EXIT.FINDINGS}    ax api-keys audit found something to report
  ${EXIT.INTERRUPTED}  interrupted with Ctrl-C; 128 + the signal's number for other
       signals (129 SIGHUP, 143 SIGTERM)
`,
  },
  formats: {
    summary: "output formats and how -o is read",
    body: `
Every command that prints records sends them through one output format,
chosen with -o/--output:

  table     for people: the main columns sized to the terminal, tab-separated
            when piped (the default)
  wide      the table with every column
  json      the API's own response shape, 2-space indent
  ndjson    one compact JSON object per line (alias jsonl)
  csv       a header line, then one row per record
  parquet   a typed Apache Parquet file (never to a terminal)

How -o is read:

  -o json        a format name, any case: the data goes to stdout
  -o keys.csv    a file path: its extension picks the format, and the file is
                 written atomically instead of stdout
  (nothing)      the profile's [output] format, else table

An unknown name or extension is a usage error listing the valid ones.
Format plugins add more formats: a module in ~/.arize/plugins/ (or
--plugin PATH, or AX_PLUGIN_PATH), or an executable ax-format-NAME on PATH.
Run ax formats list to see every format available.
`,
  },
};

/** The text `ax help <name>` prints: a title line, then the body. */
export function topicText(name: string): string {
  const topic = HELP_TOPICS[name];
  return `ax help ${name}: ${topic.summary}\n${topic.body}`;
}
