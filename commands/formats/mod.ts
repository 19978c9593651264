/**
 * The `ax formats` group, declared as data. `list` (list.ts, loaded when it
 * runs) shows every output format `-o` accepts.
 */
import type { GroupSpec } from "../../cli/command.ts";

/** `ax formats`. */
export const FORMATS: GroupSpec = {
  name: "formats",
  description: "Output formats: the built-in ones and your plugins",
  commands: [{
    name: "list",
    description: "List every output format, its origin and file extensions",
    common: ["output", "plugin"],
    examples: [
      "ax formats list",
      "ax formats list -o json",
      "ax formats list --plugin ./markdown.ts",
    ],
    handler: async () => (await import("./list.ts")).LIST_HANDLER,
  }],
};
