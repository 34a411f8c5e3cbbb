import { describe, expect, it } from "vitest";
import { FEATURES } from "../../../packages/compiler/src/index.js";
import { params, pipeline, python, secrets, sh } from "../../../packages/dsl/src/index.js";
import { localPlanFor, localTarget, TARGET_NAMES, targetNamed } from "../../../packages/targets/src/index.js";
import { RUNNER_SOURCE } from "../../../packages/targets/src/local/runner-source.generated.js";
import { buildLocal, irOf } from "./local-helpers.js";

const PLAN_LINE = "const ORCHC_PLAN = ";

describe("the local target's file", () => {
  const p = params({ runDate: { type: "string", default: "2024-01-01" } });
  const s = secrets({ apiToken: {} });
  const daily = pipeline("daily", { params: p, secrets: s });
  const extract = daily.task("extract", sh`./extract.sh --date ${p.runDate}`).env({ TOKEN: s.apiToken });
  daily.task("report", python("src/report.py")).after(extract);

  it("is a shebang, how to run it, the plan as JSON, then the runner engine", () => {
    const result = buildLocal(daily);
    expect(result.diagnostics).toEqual([]);
    expect(result.files).toHaveLength(1);
    const [file] = result.files;
    expect(file).toMatchObject({ path: "local/daily.mjs", format: "javascript", pipelineIds: ["daily"] });
    const contents = file!.contents;
    expect(contents.startsWith("#!/usr/bin/env node\n//")).toBe(true);
    expect(contents.split("\n")[1]).toContain("node local/daily.mjs --help");
    expect(contents.endsWith(RUNNER_SOURCE)).toBe(true);
    const start = contents.indexOf(PLAN_LINE) + PLAN_LINE.length;
    const json = contents.slice(start, contents.length - RUNNER_SOURCE.length).replace(/;\n$/, "");
    expect(JSON.parse(json)).toEqual(localPlanFor(irOf(daily)));
  });

  it("is registered under its name, and declares every feature", () => {
    expect(TARGET_NAMES).toContain("local");
    expect(targetNamed("local")).toBe(localTarget);
    expect(Object.keys(localTarget.capabilities).sort()).toEqual([...FEATURES].sort());
    expect(localTarget.outputDirectories(localTarget.options.parse({}))).toEqual(["local"]);
  });
});
