import { error, type Diagnostic, type IR } from "@orchc/compiler";
import { REFERENCE_SEGMENT } from "./databricks-interpolation.js";
import { LOOKUP_WHAT, workspaceSlots } from "./databricks-lookups.js";
import { bundleVariables } from "./databricks-values.js";

/**
 * A compute's bundle variable (a workspace object by name, or an id that differs by environment)
 * must be nameable in `${var.…}` and its own: variables are global to the bundle, beside the params'.
 */
export function checkWorkspaceVariables(ir: IR, fileOf: (pipelineId: string) => string): Diagnostic[] {
  const taken = new Map<string, string>();
  for (const [pipelineId, params] of bundleVariables(ir)) for (const [param, variable] of params) taken.set(variable, `param \`${param}\` of pipeline \`${pipelineId}\``);
  const diagnostics: Diagnostic[] = [];
  for (const pipeline of ir.pipelines) {
    for (const slot of workspaceSlots(pipeline)) {
      if (slot.variable === null) continue;
      const subject = { file: fileOf(pipeline.id), pipelineId: pipeline.id, path: ["compute", slot.compute] };
      const what = `compute \`${slot.compute}\` would carry its ${LOOKUP_WHAT[slot.kind]} in bundle variable \`${slot.variable}\``;
      const owner = taken.get(slot.variable);
      if (!REFERENCE_SEGMENT.test(slot.variable)) {
        diagnostics.push(error("ORC301", `${what}, which a \`\${var.…}\` reference cannot name`, { hint: "give the compute (and the pipeline) a name of letters and digits, with `_` or `-` only between them", subject }));
      } else if (owner !== undefined) {
        diagnostics.push(error("ORC301", `${what}, which ${owner} also uses`, { hint: "rename the compute or the param: a compute's variable is named `<pipeline>__<compute>_<kind>`", subject }));
      }
      taken.set(slot.variable, `compute \`${slot.compute}\` of pipeline \`${pipeline.id}\``);
    }
  }
  return diagnostics;
}
