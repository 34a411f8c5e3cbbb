// The help names the targets `-t` takes; `orchc check`, once an alias of validate that read as
// `build --check`, now refuses and names both commands.
import { describe, expect, it } from "vitest";
import { TARGET_NAMES } from "../../packages/targets/src/target-names.js";
import { quickstartSource, runCli, snapshotTree, useTempProjects } from "./cli-helpers.js";

const project = useTempProjects();

/** The description of one option in a command's help, its wrapped lines joined. */
function optionHelp(help: string, flags: string): string {
  const lines = help.split("\n");
  const start = lines.findIndex((line) => line.trimStart().startsWith(flags));
  if (start < 0) throw new Error(`no ${flags} in:\n${help}`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^\s*-/.test(line) || line.trim() === "");
  return [lines[start]!.trimStart().slice(flags.length), ...rest.slice(0, end < 0 ? rest.length : end)].map((line) => line.trim()).join(" ");
}

describe("--help lists the targets", () => {
  it("build -t: every target and all", () => {
    const cwd = project();
    const help = runCli(["build", "--help"], { cwd });
    expect(help.status).toBe(0);
    expect(optionHelp(help.stdout, "-t, --target <target>")).toBe(`target to build for: ${[...TARGET_NAMES, "all"].join(", ")} (repeatable; comma-separated)`);
  });

  it("validate -t: every target (validate takes one, so not all)", () => {
    const cwd = project();
    const help = runCli(["validate", "--help"], { cwd });
    expect(help.status).toBe(0);
    expect(optionHelp(help.stdout, "-t, --target <target>")).toBe(`also check what this target can express: ${TARGET_NAMES.join(", ")}`);
    expect(help.stdout).not.toContain("validate|check");
  });
});

describe("orchc check", () => {
  const expectRefusal = (result: ReturnType<typeof runCli>) => {
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^orchc: `orchc check` is ambiguous/);
    expect(result.stderr).toMatch(/^ {2}orchc validate .*without generating anything$/m);
    expect(result.stderr).toMatch(/^ {2}orchc build --check .*committed generated files are not up to date$/m);
  };

  it("is no longer validate: it fails on a valid pipeline, names both checks and writes nothing", () => {
    const cwd = project({ "pipeline.ts": quickstartSource });
    expect(runCli(["validate"], { cwd }).status).toBe(0);
    const before = snapshotTree(cwd);
    expectRefusal(runCli(["check"], { cwd }));
    expect(snapshotTree(cwd)).toEqual(before);
  });

  it("refuses the same way whatever arguments follow, --help included", () => {
    const cwd = project({ "pipeline.ts": quickstartSource });
    expectRefusal(runCli(["check", "pipeline.ts", "-t", "airflow", "--types"], { cwd }));
    expectRefusal(runCli(["check", "--help"], { cwd }));
  });

  it("is not listed in orchc --help", () => {
    const help = runCli(["--help"], { cwd: project() });
    expect(help.stdout).toMatch(/^ {2}validate /m);
    expect(help.stdout).not.toMatch(/^ {2}check/m);
  });
});
