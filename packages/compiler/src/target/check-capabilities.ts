import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { IR } from "../ir/ir.js";
import { featuresUsed } from "./features-used.js";
import type { AnyTarget } from "./target.js";

/** Turns every use of a feature the target cannot express into an ORC301 naming the way out. */
export function checkCapabilities(ir: IR, target: AnyTarget, fileOf: (pipelineId: string) => string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const pipeline of ir.pipelines) {
    for (const use of featuresUsed(pipeline)) {
      const capability = target.capabilities[use.feature];
      if (capability.supported) continue;
      diagnostics.push(
        error("ORC301", `${use.what}, which the ${target.name} target cannot express: ${capability.reason}`, {
          hint: capability.wayOut,
          subject: { file: fileOf(pipeline.id), ...use.subject },
        }),
      );
    }
  }
  return diagnostics;
}
