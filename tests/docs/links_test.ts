import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// README.md stays a front page (issue 12): what ax is, install, the set-up
// commands, a tour and links; everything else lives in docs/.
const README_LIMIT_BYTES = 12 * 1024;

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const README = join(ROOT, "README.md");
const DOCS = join(ROOT, "docs");

/** README.md and every Markdown page under docs/, as absolute paths. */
function pages(): string[] {
  const docs = readdirSync(DOCS).filter((name) => name.endsWith(".md")).map((name) =>
    join(DOCS, name)
  );
  return [README, ...docs.sort()];
}

/** The text with fenced code blocks blanked, so their lines are neither headings nor links. */
function withoutFences(text: string): string {
  let fence: string | undefined;
  return text.split("\n").map((line) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined && marker !== undefined) {
      fence = marker;
      return "";
    }
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) {
        fence = undefined;
      }
      return "";
    }
    return line;
  }).join("\n");
}

/** GitHub's heading slug: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "").replace(
    / /g,
    "-",
  );
}

/** Every anchor a page defines: heading slugs (with GitHub's -1, -2 for repeats) and HTML ids. */
function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of withoutFences(text).split("\n")) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading !== undefined) {
      const base = slug(heading.replace(/<[^>]*>/g, ""));
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const match of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1]);
  }
  return anchors;
}

/** The targets of every inline Markdown link outside code. */
function linksOf(text: string): string[] {
  const prose = withoutFences(text).replace(/`[^`\n]*`/g, "code");
  return [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
}

/** Problems with one link of `page`, or undefined when it resolves. */
function checkLink(page: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // https:, mailto: …
  const hash = target.indexOf("#");
  const path = hash === -1 ? target : target.slice(0, hash);
  const anchor = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1));
  const file = path === "" ? page : resolve(dirname(page), decodeURIComponent(path));
  if (!existsSync(file)) return `${target}: ${relative(ROOT, file)} does not exist`;
  if (anchor === undefined) return undefined;
  if (!statSync(file).isFile() || !file.endsWith(".md")) {
    return `${target}: an anchor into a file that is not Markdown`;
  }
  const anchors = anchorsOf(readFileSync(file, "utf8"));
  return anchors.has(anchor)
    ? undefined
    : `${target}: no heading or id '${anchor}' in ${relative(ROOT, file)}`;
}

/**
 * Repository paths the prose names in code spans (`formats/types.ts`,
 * `tests/e2e/hardening/`): a span whose first segment is a top-level entry of
 * the repository (build output left out). Paths under a user's home or `/`
 * are not ours to check, and
 * a span right after "not " names a place that is absent on purpose.
 */
function repoPathsOf(text: string): string[] {
  // Build output (dist/, …) is git-ignored: whether it exists depends on what
  // ran before, so the prose may name it without this test checking it.
  const ignored = readFileSync(join(ROOT, ".gitignore"), "utf8").split("\n")
    .filter((line) => line.endsWith("/")).map((line) => line.slice(0, -1));
  const top = new Set(readdirSync(ROOT).filter((name) => !ignored.includes(name)));
  return [...text.matchAll(/(\bnot )?`([^`\s<>…*]+)`/g)].filter((m) => m[1] === undefined).map((
    m,
  ) => m[2]).filter((span) => span.includes("/") && top.has(span.split("/")[0]));
}

describe("README.md and docs/", () => {
  it("keep README.md within 12 KB", () => {
    const size = statSync(README).size;
    assert.ok(size <= README_LIMIT_BYTES, `README.md is ${size} bytes; move detail into docs/`);
  });

  it("have every relative link and #anchor resolve", () => {
    const broken: string[] = [];
    for (const page of pages()) {
      for (const target of linksOf(readFileSync(page, "utf8"))) {
        const problem = checkLink(page, target);
        if (problem !== undefined) broken.push(`${relative(ROOT, page)}: ${problem}`);
      }
    }
    assert.deepEqual(broken, []);
  });

  it("name only repository files that exist", () => {
    const missing: string[] = [];
    for (const page of pages()) {
      for (const path of repoPathsOf(readFileSync(page, "utf8"))) {
        if (!existsSync(join(ROOT, path))) missing.push(`${relative(ROOT, page)}: ${path}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it("reach every docs/ page from README.md by links", () => {
    const reached = new Set<string>([README]);
    const queue = [README];
    while (queue.length > 0) {
      const page = queue.shift()!;
      for (const target of linksOf(readFileSync(page, "utf8"))) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#")) continue;
        const file = resolve(dirname(page), decodeURIComponent(target.split("#")[0]));
        if (file.endsWith(".md") && existsSync(file) && !reached.has(file)) {
          reached.add(file);
          queue.push(file);
        }
      }
    }
    const unreachable = pages().filter((page) => !reached.has(page)).map((page) =>
      relative(ROOT, page)
    );
    assert.deepEqual(unreachable, []);
  });

  it("checks what it claims: a missing page, a missing anchor and a fenced heading are caught", () => {
    assert.match(checkLink(README, "docs/no-such-page.md") ?? "", /does not exist/);
    assert.match(checkLink(README, "docs/reliability.md#no-such-code") ?? "", /no heading or id/);
    assert.equal(checkLink(README, "docs/reliability.md#s8"), undefined);
    assert.equal(checkLink(README, "docs/reliability.md#n--network"), undefined);
    const anchors = anchorsOf("# A `b` c.d\n## Same\n## Same\n```md\n# fenced\n```\n");
    assert.deepEqual([...anchors], ["a-b-cd", "same", "same-1"]);
    assert.deepEqual(linksOf("[a](x.md) `[b](y.md)`\n```\n[c](z.md)\n```\n"), ["x.md"]);
    assert.deepEqual(repoPathsOf("`formats/types.ts` `~/.arize/x` `a/b` `tests/` not `cli/x/`"), [
      "formats/types.ts",
      "tests/",
    ]);
  });
});
