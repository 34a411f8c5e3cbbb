import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { placeOf, quickstartSource, runCli, useTempProjects } from "./cli-helpers.js";

const project = useTempProjects();

interface IrPipeline {
  id: string;
  name: string;
  paused: boolean;
  timeoutSeconds: number | null;
  environment: string | null;
  notify: { onFailure: string[] };
}

function buildFor(env: string | null): IrPipeline {
  const cwd = project({ "pipeline.ts": quickstartSource });
  const result = runCli(["build", "--target", "ir", ...(env === null ? [] : ["--env", env])], { cwd });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return (JSON.parse(readFileSync(join(cwd, "ir", "quickstart_nightly.ir.json"), "utf8")) as { pipeline: IrPipeline }).pipeline;
}

describe("orchc build --env", () => {
  it("builds the base pipeline without --env", () => {
    const pipeline = buildFor(null);
    expect(pipeline).toMatchObject({ id: "quickstart_nightly", name: "quickstart_nightly", paused: false, timeoutSeconds: 3 * 3600, environment: null });
    expect(pipeline.notify.onFailure).toEqual(["data-eng@example.com"]);
  });

  it("applies the dev overlay: name prefix, paused, no notifications", () => {
    const pipeline = buildFor("dev");
    // The id names the file and the DAG; only the display name carries the prefix.
    expect(pipeline).toMatchObject({ id: "quickstart_nightly", name: "[DEV] quickstart_nightly", paused: true, environment: "dev" });
    expect(pipeline.notify.onFailure).toEqual([]);
  });

  it("applies the prod overlay's timeout", () => {
    const pipeline = buildFor("prod");
    expect(pipeline).toMatchObject({ name: "quickstart_nightly", paused: false, timeoutSeconds: 4 * 3600, environment: "prod" });
  });

  it("rejects an environment the pipeline does not declare with ORC137, writing nothing", () => {
    const cwd = project({ "pipeline.ts": quickstartSource });
    const result = runCli(["build", "--target", "ir", "--env", "staging"], { cwd });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `${placeOf("pipeline.ts", quickstartSource, "environments:")} - error ORC137: pipeline \`quickstart_nightly\` declares no environment \`staging\`\n  hint: declared: dev, prod\n\n1 error\n`,
    );
    expect(existsSync(join(cwd, "ir"))).toBe(false);
  });

  it("suggests the near miss of a misspelt environment", () => {
    const cwd = project({ "pipeline.ts": quickstartSource });
    const result = runCli(["validate", "--env", "prd"], { cwd });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error ORC137: pipeline `quickstart_nightly` declares no environment `prd`");
    expect(result.stderr).toMatch(/hint: .*`prod`/);
  });
});
