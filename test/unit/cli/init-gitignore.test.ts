// `orchc init` adds the local run store to .gitignore: created (with node_modules/ for a new project), or appended once, and nothing else.
import { describe, expect, it } from "vitest";
import { gitignoreWithRunStore, RUN_STORE_PATTERN } from "../../../packages/cli/src/init/run-store-gitignore.js";

describe(".gitignore for orchc init", () => {
  it("ignores the folder `orchc run` keeps its runs in", () => {
    expect(RUN_STORE_PATTERN).toBe(".orchc/");
  });

  it("creates the file with that line and node_modules/, which a new project has just filled", () => {
    expect(gitignoreWithRunStore(null)).toBe("node_modules/\n.orchc/\n");
  });

  it("appends the line, after a newline when the file lacks a final one, in the file's line ends", () => {
    expect(gitignoreWithRunStore("node_modules/\n")).toBe("node_modules/\n.orchc/\n");
    expect(gitignoreWithRunStore("node_modules/")).toBe("node_modules/\n.orchc/\n");
    expect(gitignoreWithRunStore("")).toBe(".orchc/\n");
    expect(gitignoreWithRunStore("dist\r\nnode_modules\r\n")).toBe("dist\r\nnode_modules\r\n.orchc/\r\n");
  });

  it.each([".orchc", ".orchc/", "/.orchc", "/.orchc/", "  .orchc/  ", "**/.orchc/"])("changes nothing when %j already ignores it", (line) => {
    expect(gitignoreWithRunStore(`node_modules/\n${line}\ndist/\n`)).toBeNull();
  });

  it("does not take a pattern for something else as the run store's", () => {
    expect(gitignoreWithRunStore(".orchc/runs/\n# .orchc/\n.orchc-old/\n")).toBe(".orchc/runs/\n# .orchc/\n.orchc-old/\n.orchc/\n");
  });
});
