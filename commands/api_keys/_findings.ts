/**
 * What `ax api-keys audit` reports about a key: the kinds of finding, when
 * each applies (at the instant "now" of the run), and its detail in words.
 */
import type { ApiKey } from "../../api/types.ts";
import type { Column } from "../../formats/types.ts";
import { spanInWords } from "./_duration.ts";
import { timestampMs } from "../../runtime/rfc3339.ts";

/** Every kind of finding, in the order a key's findings are reported. */
export const FINDING_KINDS = [
  "expired",
  "expires-soon",
  "never-expires",
  "unused",
  "never-used",
] as const;
/** A kind of finding. */
export type FindingKind = (typeof FINDING_KINDS)[number];

/** One row of the audit: a key and one thing found about it. */
export interface Finding {
  id: string;
  name: string;
  key_type: string;
  finding: FindingKind;
  detail: string;
}

/** The audit's column schema, in every format. */
export const FINDING_COLUMNS: readonly Column[] = [
  { name: "id", type: "string", nullable: false },
  { name: "name", type: "string", nullable: false },
  { name: "key_type", type: "string", nullable: false },
  { name: "finding", type: "string", nullable: false },
  { name: "detail", type: "string", nullable: false },
];

/** The thresholds of one audit. */
export interface AuditRules {
  now: Date;
  /** `expires-soon`: an expiry within this many milliseconds. */
  expiresWithinMs: number;
  /** `unused` / `never-used`: no use for this many milliseconds. */
  unusedForMs: number;
  /** Kinds not to report. */
  ignore: ReadonlySet<FindingKind>;
}

/** The findings about one key (an active one: revoked keys are not audited). */
export function findingsFor(key: ApiKey, rules: AuditRules): Finding[] {
  const now = rules.now.getTime();
  const found: [FindingKind, string][] = [];
  const expires = timestampMs(key.expires_at);
  if (key.expires_at === undefined) found.push(["never-expires", "no expiry date"]);
  else if (expires <= now) found.push(["expired", `expired ${spanInWords(now - expires)} ago`]);
  else if (expires < now + rules.expiresWithinMs) {
    found.push(["expires-soon", `expires in ${spanInWords(expires - now)}`]);
  }
  const cutoff = now - rules.unusedForMs;
  if (key.last_used_at !== undefined) {
    const used = timestampMs(key.last_used_at);
    if (used < cutoff) found.push(["unused", `last used ${spanInWords(now - used)} ago`]);
  } else {
    const created = timestampMs(key.created_at);
    if (created < cutoff) {
      found.push(["never-used", `never used; created ${spanInWords(now - created)} ago`]);
    }
  }
  return found
    .filter(([kind]) => !rules.ignore.has(kind))
    .map(([finding, detail]) => ({
      id: key.id,
      name: key.name,
      key_type: key.key_type,
      finding,
      detail,
    }));
}
