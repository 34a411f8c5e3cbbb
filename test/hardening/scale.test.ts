// Huge graphs: a 10,000-deep chain and a 10,000-wide fan-out (and fan-in) compile for every target
// without a stack overflow, and every task reaches the output.
import { compile, type LoadedPipeline } from "@orchc/compiler";
import { targets, type TargetName } from "@orchc/targets";
import { describe, expect, it } from "vitest";

const SIZE = 10_000;
/** Databricks runs no shell tasks; the others run no notebooks without a command. */
const ACTION: Record<TargetName, "shell" | "notebook"> = { ir: "shell", airflow: "shell", databricks: "notebook", "github-actions": "shell", local: "shell" };
/** How each target's output names a task, to count them. */
const TASK_MARK: Record<TargetName, RegExp> = {
  ir: /"id": "t\d+"/g,
  airflow: /task_id="t\d+"/g,
  databricks: /task_key: t\d+\n/g,
  "github-actions": /^ {2}t\d+:$/gm,
  local: /"id": "t\d+"/g,
};

const action = (kind: "shell" | "notebook", index: number) => (kind === "shell" ? { kind: "shell", command: `echo ${index}` } : { kind: "notebook", path: `src/step_${index}.py` });

function shape(name: "chain" | "fan", kind: "shell" | "notebook"): LoadedPipeline[] {
  const tasks =
    name === "chain"
      ? Array.from({ length: SIZE }, (_, index) => ({ id: `t${index}`, action: action(kind, index), ...(index > 0 && { after: [`t${index - 1}`] }) }))
      : [
          { id: "t0", action: action(kind, 0) },
          ...Array.from({ length: SIZE - 2 }, (_, index) => ({ id: `t${index + 1}`, action: action(kind, index + 1), after: ["t0"] })),
          { id: `t${SIZE - 1}`, action: action(kind, SIZE - 1), after: Array.from({ length: SIZE - 2 }, (_, index) => `t${index + 1}`) },
        ];
  return [{ file: "/project/pipeline.ts", projectRoot: "/project", exportName: "default", spec: { id: `scale_${name}`, tasks } }];
}

describe("10,000-task graphs compile for every target", () => {
  for (const name of ["chain", "fan"] as const) {
    for (const target of Object.keys(targets) as TargetName[]) {
      it(`${name === "chain" ? "a 10,000-deep chain" : "a 10,000-wide fan-out and fan-in"}: ${target}`, () => {
        const result = compile({ loaded: shape(name, ACTION[target]), target: targets[target], environment: null, options: {}, orchcVersion: "0.0.0-test" });
        expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
        const text = result.files.map((file) => file.contents).join("\n");
        expect(new Set(text.match(TASK_MARK[target])).size).toBe(SIZE);
      });
    }
  }
});
