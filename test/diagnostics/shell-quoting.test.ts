import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { lowerToIR, type LoadedPipeline } from "../../packages/compiler/src/index.js";
import { params, pipeline, sh } from "../../packages/dsl/src/index.js";
import { paramEnvName } from "../../packages/runner/src/index.js";
import { shellScriptOf } from "../../packages/targets/src/shared/shell-script.js";

// ORC141 must fire exactly when bash would print the reference's variable name instead of its value.
// Real bash is the judge: each command is rendered as every target renders it (shared/shell-script.ts)
// and run with the param's value in the environment.
const VALUE = "eu-west-1 (the value)";
const p = params({ region: { type: "string", default: VALUE } });

const commands: ReadonlyArray<readonly [string, ReturnType<typeof sh>]> = [
  ["inside single quotes", sh`echo 'region is ${p.region}'`],
  ["inside $'…' quotes", sh`echo $'region is ${p.region}'`],
  ["inside single quotes after a closed pair", sh`echo 'a' 'region is ${p.region}'`],
  ["inside single quotes on a later line", sh`echo start\necho 'region is ${p.region}'`],
  ["unquoted", sh`echo region is ${p.region}`],
  ["inside double quotes", sh`echo "region is ${p.region}"`],
  ["between closed single quotes", sh`echo 'region is '${p.region}' here'`],
  ["after an apostrophe inside double quotes", sh`echo "it's ${p.region}"`],
  ["after an escaped quote", sh`echo it\\'s ${p.region}`],
  ["after a comment holding a quote", sh`# it's here\necho ${p.region}`],
  ["inside $'…' with an escaped quote before it", sh`echo $'it\\'s' ${p.region}`],
];

function pipelineWith(command: ReturnType<typeof sh>): LoadedPipeline[] {
  const quoting = pipeline("quoting", { params: p });
  quoting.task("t", command);
  return [{ file: "/project/pipeline.ts", projectRoot: "/project", exportName: "default", spec: quoting.toSpec() }];
}

describe("ORC141: a param inside single quotes in sh", () => {
  it.each(commands)("%s: warns exactly when bash prints the name, not the value", (_name, command) => {
    const { ir, diagnostics } = lowerToIR(pipelineWith(command), null);
    const pipelineNode = ir!.pipelines[0]!;
    const script = shellScriptOf(pipelineNode, pipelineNode.tasks[0]!.action)!;
    const variables = Object.fromEntries(script.params.map((name) => [paramEnvName(name), VALUE]));
    const bash = spawnSync("bash", ["-c", script.text], { env: { PATH: process.env.PATH, ...variables }, encoding: "utf8" });
    expect(bash.status, bash.stderr).toBe(0);
    const printsValue = bash.stdout.includes(VALUE);
    const warned = diagnostics.some((diagnostic) => diagnostic.code === "ORC141");
    expect({ warned, stdout: bash.stdout }).toEqual({ warned: !printsValue, stdout: bash.stdout });
    if (warned) expect(diagnostics.find((diagnostic) => diagnostic.code === "ORC141")).toMatchObject({ severity: "warning", subject: { taskId: "t", value: "region" } });
  });

  it("has cases on both sides", () => {
    const warned = commands.map(([, command]) => lowerToIR(pipelineWith(command), null).diagnostics.some((diagnostic) => diagnostic.code === "ORC141"));
    expect(warned.filter(Boolean).length).toBe(4);
    expect(warned.filter((value) => !value).length).toBe(commands.length - 4);
  });
});
