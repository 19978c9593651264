/**
 * The names in a folder, for plugin discovery. Every command that picks a
 * format, and every TAB on `-o`, lists each PATH folder: thousands of names
 * of which nearly none is a plugin. In a Bun binary, Bun.Glob (through
 * runtime/adapter.ts) matches them natively and builds strings only for the
 * matches, without loading `node:fs/promises`; measured in a compiled binary over a PATH of 11
 * folders and 2,767 names: 1.8 ms against 3.7 ms for readdir plus a filter.
 */
import { globNames } from "../../runtime/adapter.ts";

/**
 * Names in `folder` that start with `prefix` (which must hold no glob
 * characters) and not with a dot, sorted; none when it cannot be read.
 */
export async function folderNames(folder: string, prefix = ""): Promise<string[]> {
  const names: string[] = [];
  try {
    const globbed = globNames(folder, prefix);
    if (globbed) {
      names.push(...await globbed);
    } else {
      const { readdir } = await import("node:fs/promises");
      for (const name of await readdir(folder)) {
        if (name.startsWith(prefix)) names.push(name);
      }
    }
  } catch {
    return [];
  }
  return names.filter((name) => !name.startsWith(".")).sort();
}
