import { shellQuote } from "@orchc/dsl";
import type { ActionNode, PipelineNode, TemplatePartNode, ValueNode } from "@orchc/compiler";
import { shellScriptOf, type ShellScript } from "../shared/shell-script.js";

type RunPipelineAction = Extract<ActionNode, { kind: "runPipeline" }>;

/** A value as one quoted shell word: its text quoted as data, its references expanded quoted. */
function asWord(value: ValueNode): TemplatePartNode[] {
  if (value.kind === "literal") return [{ kind: "text", text: shellQuote(String(value.value)) }];
  if (value.kind !== "template") return [value];
  return value.parts.map((part) => (part.kind === "text" ? { kind: "text", text: part.text === "" ? "" : shellQuote(part.text) } : part));
}

/**
 * The other pipeline runs from its own runner file, written beside this one by the same build, in
 * the same run store (the default one of the working directory). `--json` lets the script tell a
 * PARTIAL run (exit 1, a `run_finished` event with status `partial`), which counts as success, from
 * input the child refuses (exit 1 too, and no run); every other exit fails the task.
 */
export function runPipelineScript(pipeline: PipelineNode, action: RunPipelineAction, runnersFolder: string): ShellScript {
  const params: TemplatePartNode[] = action.params.flatMap(({ name, value }) => [{ kind: "text", text: ` --param ${shellQuote(`${name}=`)}` } as const, ...asWord(value)]);
  const command: TemplatePartNode[] = [
    { kind: "text", text: `orchc_child_log="$(mktemp)"\nset +e\nnode ${shellQuote(`${runnersFolder}/${action.pipeline}.mjs`)} --json` },
    ...params,
    {
      kind: "text",
      text: [
        ` | tee "$orchc_child_log"`,
        "orchc_child_exit=${PIPESTATUS[0]}",
        "set -e",
        `if [ "$orchc_child_exit" -eq 1 ] && grep -q '"type":"run_finished",.*"status":"partial"' "$orchc_child_log"; then orchc_child_exit=0; fi`,
        `rm -f "$orchc_child_log"`,
        `exit "$orchc_child_exit"`,
      ].join("\n"),
    },
  ];
  const script = shellScriptOf(pipeline, { kind: "shell", command: { kind: "template", parts: command } });
  if (script === null) throw new Error("internal: a shell action has no shell script");
  return script;
}
