import { utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectNoStackTrace, placeOf, positionOf, quickstartSource, runCli, snapshotTree, useTempProjects } from "./cli-helpers.js";

const project = useTempProjects();
const LONG_AGO = new Date("2001-02-03T04:05:06Z");

const TYPO_SOURCE = quickstartSource.replace(/(\.task\("load"[^;]*?\.after\()transform\)/, '$1"transfrom")');
const TYPO_MESSAGE = "task `load` depends on `transfrom`, which pipeline `quickstart_nightly` does not declare";

const MANY_PROBLEMS = `import { cron, pipeline, sh } from "orchc";

const many = pipeline("many", { schedule: cron("61 * * * *") });
const a = many.task("a", sh\`echo a\`);
many.task("b", sh\`echo b\`).after("extract");
many.task("Bad Id", sh\`echo c\`).after(a);

export default many;
`;

describe("a build that fails", () => {
  it("points at the offending literal, suggests the near miss, and leaves the previous output as it was", () => {
    expect(TYPO_SOURCE).not.toBe(quickstartSource);
    const cwd = project({ "pipeline.ts": quickstartSource });
    expect(runCli(["build", "--target", "ir"], { cwd }).status).toBe(0);
    const output = join(cwd, "ir", "quickstart_nightly.ir.json");
    utimesSync(output, LONG_AGO, LONG_AGO);
    writeFileSync(join(cwd, "pipeline.ts"), TYPO_SOURCE);
    const before = snapshotTree(join(cwd, "ir"));

    const result = runCli(["build", "--target", "ir"], { cwd });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `${placeOf("pipeline.ts", TYPO_SOURCE, '"transfrom"')} - error ORC201: ${TYPO_MESSAGE}\n  hint: did you mean \`transform\`?\n\n1 error\n`,
    );
    expect(result.stdout).toBe("");
    expect(snapshotTree(join(cwd, "ir"))).toEqual(before);
    expect(before["quickstart_nightly.ir.json"]?.mtimeMs).toBe(LONG_AGO.getTime());
  });

  it("reports every problem in the file at once", () => {
    const cwd = project({ "pipeline.ts": MANY_PROBLEMS });
    const result = runCli(["build", "--target", "ir"], { cwd });
    expect(result.status).toBe(1);
    const heads = result.stderr.split("\n").filter((line) => / - error ORC\d{3}: /.test(line));
    expect(heads).toHaveLength(3);
    expect(result.stderr).toContain(
      `${placeOf("pipeline.ts", MANY_PROBLEMS, '"61 * * * *"')} - error ORC120: invalid cron \`61 * * * *\`: the minute field \`61\` is invalid`,
    );
    expect(result.stderr).toContain(
      `${placeOf("pipeline.ts", MANY_PROBLEMS, '"extract"')} - error ORC201: task \`b\` depends on \`extract\`, which pipeline \`many\` does not declare`,
    );
    expect(result.stderr).toContain(
      `${placeOf("pipeline.ts", MANY_PROBLEMS, '"Bad Id"')} - error ORC110: task id \`Bad Id\` may only hold letters, digits, \`_\` and \`-\``,
    );
    expect(result.stderr).toContain("  hint: ids must be valid on every target; try `Bad_Id`");
    expect(result.stderr).toMatch(/\n\n3 errors\n$/);
    expectNoStackTrace(result.stderr);
  });

  it("points a duplicate task id at its second declaration", () => {
    const source = `import { pipeline, sh } from "orchc";

const twice = pipeline("twice", {});
twice.task("load", sh\`./load.sh\`);
twice.task("load", sh\`./load-again.sh\`);

export default twice;
`;
    const cwd = project({ "pipeline.ts": source });
    const result = runCli(["validate"], { cwd });
    expect(result.stderr).toContain(`${placeOf("pipeline.ts", source, '"load"', 2)} - error ORC112: task id \`load\` is declared twice`);
  });
});

describe("a build with warnings only", () => {
  it("prints the warning and still writes the output", () => {
    const source = `import { pipeline, sh } from "orchc";

const warned = pipeline("warned", {});
const a = warned.task("a", sh\`echo a\`);
warned.task("b", sh\`echo b\`).after(a, "a");

export default warned;
`;
    const cwd = project({ "pipeline.ts": source });
    const result = runCli(["build", "--target", "ir"], { cwd });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(
      new RegExp(`^pipeline\\.ts:${positionOf(source, ".after(a").line}:\\d+ - warning ORC205: task \`b\` lists \`a\` twice in \`after\`\n\n1 warning\n$`),
    );
    expect(result.stdout).toBe("orchc: ir: ir/warned.ir.json (written)\n");
  });
});

describe("diagnostics for machines", () => {
  it("prints --json diagnostics on stdout with code, message and position", () => {
    const cwd = project({ "pipeline.ts": TYPO_SOURCE });
    const result = runCli(["build", "--target", "ir", "--json"], { cwd });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("");
    const { line, column } = positionOf(TYPO_SOURCE, '"transfrom"');
    expect(JSON.parse(result.stdout)).toEqual({
      diagnostics: [
        {
          code: "ORC201",
          severity: "error",
          message: TYPO_MESSAGE,
          hint: "did you mean `transform`?",
          file: "pipeline.ts",
          line,
          column,
        },
      ],
    });
  });

  it("prints --json for a load error too", () => {
    const cwd = project();
    const result = runCli(["validate", "absent.ts", "--json"], { cwd });
    expect(result.status).toBe(1);
    const parsed = JSON.parse(result.stdout) as { diagnostics: Array<Record<string, unknown>> };
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0]).toMatchObject({ code: "ORC100", severity: "error", file: "absent.ts", line: 1, column: 1 });
    expect(parsed.diagnostics[0]?.message).toContain("absent.ts");
  });

  it("adds GitHub Actions annotations on stdout when GITHUB_ACTIONS=true", () => {
    const cwd = project({ "pipeline.ts": TYPO_SOURCE });
    const result = runCli(["build", "--target", "ir"], { cwd, env: { GITHUB_ACTIONS: "true" } });
    expect(result.status).toBe(1);
    const { line, column } = positionOf(TYPO_SOURCE, '"transfrom"');
    // The hint joins the message on a new line, which workflow commands escape as %0A.
    expect(result.stdout).toBe(`::error file=pipeline.ts,line=${line},col=${column},title=ORC201::${TYPO_MESSAGE}%0Adid you mean \`transform\`?\n`);
    expect(result.stderr).toContain(`pipeline.ts:${line}:${column} - error ORC201: ${TYPO_MESSAGE}`);
  });

  it("prints no annotations outside GitHub Actions", () => {
    const cwd = project({ "pipeline.ts": TYPO_SOURCE });
    const result = runCli(["build", "--target", "ir"], { cwd, env: { GITHUB_ACTIONS: "false" } });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
  });

  it("does not colour diagnostics on a non-terminal stderr, even without NO_COLOR", () => {
    const cwd = project({ "pipeline.ts": TYPO_SOURCE });
    const withoutNoColor = runCli(["build", "--target", "ir"], { cwd, env: { NO_COLOR: undefined, FORCE_COLOR: "1" } });
    expect(withoutNoColor.status).toBe(1);
    expect(withoutNoColor.stderr).toContain("error ORC201");
    expect(withoutNoColor.stderr).not.toContain("\u001b[");
  });
});
