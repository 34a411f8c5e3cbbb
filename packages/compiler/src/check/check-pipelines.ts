import type { PipelineSpec } from "@orchc/dsl";
import { relative } from "node:path";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { LoadedPipeline } from "../load/loaded-pipeline.js";
import { checkDbtTasks } from "./check-dbt-tasks.js";
import { checkGraph } from "./check-graph.js";
import { checkIdentifiers } from "./check-identifiers.js";
import { checkForEach } from "./check-for-each.js";
import { checkOutputs } from "./check-outputs.js";
import { checkReferences } from "./check-references.js";
import { checkSchedulesAndRetries } from "./check-schedules.js";
import { checkShellQuoting } from "./check-shell-quoting.js";
import { checkStructure } from "./check-structure.js";
import { checkTriggers } from "./check-triggers.js";

export interface CheckedPipeline {
  readonly loaded: LoadedPipeline;
  readonly spec: PipelineSpec;
}

/** Runs every check on every pipeline and reports all problems at once. */
export function checkPipelines(loaded: ReadonlyArray<LoadedPipeline>): { pipelines: CheckedPipeline[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const pipelines: CheckedPipeline[] = [];
  const firstFile = new Map<string, string>();
  for (const entry of loaded) {
    const structure = checkStructure(entry);
    diagnostics.push(...structure.diagnostics);
    if (!structure.spec) continue;
    // Reading an output makes a dependency: every check after this one sees it.
    const outputs = checkOutputs(structure.spec, entry.file);
    const forEach = checkForEach(outputs.spec, entry.file);
    const spec = forEach.spec;
    // Ignoring case: ids name files, and two files differing only in case collide on some systems.
    const earlier = firstFile.get(spec.id.toLowerCase());
    if (earlier !== undefined) {
      diagnostics.push(
        error("ORC111", `pipeline id \`${spec.id}\` is declared twice${earlier === entry.file ? "" : ` (first in ${relative(entry.projectRoot, earlier) || earlier})`}`, {
          hint: "pipeline ids name DAGs, jobs and workflow files: each must be unique",
          subject: { file: entry.file, pipelineId: spec.id, value: spec.id },
        }),
      );
      continue;
    }
    firstFile.set(spec.id.toLowerCase(), entry.file);
    const found = [
      ...outputs.diagnostics,
      ...forEach.diagnostics,
      ...checkIdentifiers(spec, entry.file),
      ...checkGraph(spec, entry.file),
      ...checkReferences(spec, entry.file),
      ...checkSchedulesAndRetries(spec, entry.file),
      ...checkShellQuoting(spec, entry.file),
      ...checkDbtTasks(spec, entry.file),
    ];
    diagnostics.push(...found);
    pipelines.push({ loaded: entry, spec });
  }
  diagnostics.push(...checkTriggers(pipelines.map(({ loaded: entry, spec }) => ({ spec, file: entry.file }))));
  return { pipelines, diagnostics };
}
