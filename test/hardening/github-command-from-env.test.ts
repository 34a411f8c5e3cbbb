// Class: the executed command read from a name the task's environment can set. On GitHub a step
// runs `bash -c` on its command; if the command came from a variable that a task env entry (a
// literal in `env:`, or a param, secret or template exported by the script) or a secret's variable
// could also set, `.env({ ORCHC_COMMAND: p.label })` would turn a workflow_dispatch input into the
// command. The compiler refuses orchc's names in a task env (ORC114); this proves the target does
// not depend on it: with the check bypassed (the IR edited after lowering), every such collision
// still runs the task's own command, and orchc's loop variables keep working. bash runs the step as
// GitHub's runner does, after GitHub's parser read the workflow.
import { lowerToIR, type IR, type LoadedPipeline, type NamedValueNode } from "@orchc/compiler";
import { targets } from "@orchc/targets";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { at, runGithubStep } from "./github-step-runner.js";
import { parseGithubWorkflow } from "./github-workflow-parser.js";

const work = mkdtempSync(join(tmpdir(), "orchc-github-command-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const record = join(work, "record");

const INJECTED = `echo injected > "$RECORD"`;
const loaded: LoadedPipeline[] = [
  {
    file: "/project/pipeline.json",
    projectRoot: "/project",
    exportName: "default",
    spec: {
      id: "collide",
      params: { label: { type: "string", default: INJECTED } },
      secrets: { token: { env: "TOKEN", key: "token" } },
      // A retry policy, so every loop variable is set after the task's env is exported.
      tasks: [{ id: "t", action: { kind: "shell", command: `echo "task ran with \${COLLIDING-unset}" > "$RECORD"; [ -s "$RECORD" ]` }, retries: { count: 1 }, env: { COLLIDING: "x" } }],
    },
  },
];

/** The lowered IR with the task's env entry renamed (and its value replaced), as if no compiler check stood in between. */
function irWith(name: string, value: NamedValueNode["value"], secretEnv?: string): IR {
  const { ir } = lowerToIR(loaded, null);
  const pipeline = ir!.pipelines[0]!;
  const task = { ...pipeline.tasks[0]!, env: [{ name, value }] };
  const secrets = secretEnv === undefined ? pipeline.secrets : pipeline.secrets.map((secret) => ({ ...secret, env: secretEnv }));
  return { ...ir!, pipelines: [{ ...pipeline, secrets, tasks: [task] }] };
}

function runTask(ir: IR, event: "schedule" | "workflow_dispatch", inputs: Record<string, string> = { label: INJECTED }) {
  const target = targets["github-actions"];
  const [file] = target.emit(ir, { options: target.options.parse({}), orchcVersion: "0.0.0-test" });
  const parsed = parseGithubWorkflow(file!.contents);
  expect(parsed.errors).toEqual([]);
  rmSync(record, { force: true });
  const result = runGithubStep(parsed.value, "t", at(parsed.value, "jobs", "t", "steps", 1), {
    event,
    inputs,
    secrets: { TOKEN: INJECTED },
    env: { PATH: process.env.PATH!, HOME: work, RECORD: record },
  });
  return { status: result.status, log: result.stdout + result.stderr, recorded: readFileSync(record, "utf8").trim() };
}

const orchcNames = ["ORCHC_COMMAND", "ORCHC_PARAM_label", "ORCHC_PARAM_label_INPUT", "ORCHC_TEXT_0", "orchc_attempt", "orchc_attempts", "orchc_status", "orchc_delay"];

describe("GitHub Actions: the executed command cannot come from the task's environment", () => {
  for (const name of orchcNames) {
    it(`${name} set from a param (exported by the script) runs the task's command, on a manual and a scheduled run`, () => {
      for (const event of ["workflow_dispatch", "schedule"] as const) {
        const run = runTask(irWith(name, { kind: "param", name: "label" }), event);
        expect(run.recorded, run.log).toBe("task ran with unset");
        expect(run.status, run.log).toBe(0);
      }
    });

    it(`${name} as a literal in the step's env, or a template, runs the task's command`, () => {
      for (const value of [{ kind: "literal", value: INJECTED }, { kind: "template", parts: [{ kind: "text", text: INJECTED }, { kind: "param", name: "label" }] }] as const) {
        const run = runTask(irWith(name, value), "workflow_dispatch");
        expect(run.recorded, run.log).toBe("task ran with unset");
        expect(run.status, run.log).toBe(0);
      }
    });
  }

  it("a task env GITHUB_EVENT_NAME does not change which value a param takes", () => {
    const { ir } = lowerToIR(loaded, null);
    const pipeline = ir!.pipelines[0]!;
    const command = { kind: "template" as const, parts: [{ kind: "text" as const, text: "printf '%s' " }, { kind: "param" as const, name: "label" }, { kind: "text" as const, text: ' > "$RECORD"' }] };
    const spoofed = (event: string): IR => ({ ...ir!, pipelines: [{ ...pipeline, tasks: [{ ...pipeline.tasks[0]!, action: { kind: "shell" as const, command }, env: [{ name: "GITHUB_EVENT_NAME", value: { kind: "literal", value: event } }] }] }] });
    expect(runTask(spoofed("workflow_dispatch"), "schedule", { label: "typed" }).recorded).toBe(INJECTED);
    expect(runTask(spoofed("schedule"), "workflow_dispatch", { label: "typed" }).recorded).toBe("typed");
  });

  it("a secret read from ORCHC_COMMAND does not become the command", () => {
    const run = runTask(irWith("USES_SECRET", { kind: "secret", name: "token" }, "ORCHC_COMMAND"), "workflow_dispatch");
    expect(run.recorded, run.log).toBe("task ran with unset");
  });

  it("names the script's loop once used for itself (status, attempt, attempts, delay, delays) reach the command with the task's values", () => {
    const { ir } = lowerToIR(loaded, null);
    const pipeline = ir!.pipelines[0]!;
    const names = ["status", "attempt", "attempts", "delay", "delays"];
    const command = `printf '%s|' ${names.map((name) => `"\${${name}-unset}"`).join(" ")} > "$RECORD"`;
    const env = names.map((name, index): NamedValueNode => (index % 2 === 0 ? { name, value: { kind: "literal", value: `mine ${name}` } } : { name, value: { kind: "template", parts: [{ kind: "text", text: `mine ${name}` }] } }));
    const task = { ...pipeline.tasks[0]!, action: { kind: "shell" as const, command: { kind: "literal" as const, value: command } }, env };
    const run = runTask({ ...ir!, pipelines: [{ ...pipeline, tasks: [task] }] }, "schedule");
    expect(run.recorded, run.log).toBe(names.map((name) => `mine ${name}|`).join(""));
  });

  it("the task's own env names still reach its command", () => {
    const run = runTask(irWith("COLLIDING", { kind: "template", parts: [{ kind: "text", text: "a " }, { kind: "param", name: "label" }] }), "schedule");
    expect(run.recorded).toBe(`task ran with a ${INJECTED}`);
  });
});
