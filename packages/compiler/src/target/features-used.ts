import type { DiagnosticSubject } from "../diagnostics/diagnostic.js";
import type { PipelineNode } from "../ir/pipeline-node.js";
import { taskHasPart, taskValueSites } from "../ir/task-values.js";
import type { TriggerNode } from "../ir/trigger-node.js";
import type { Feature } from "./capabilities.js";
import { computeFeatures } from "./compute-features.js";

export interface FeatureUse {
  readonly feature: Feature;
  readonly subject: Omit<DiagnosticSubject, "file">;
  /** What the user wrote, in words, for the diagnostic. */
  readonly what: string;
  /** The environment that sets it, for a use in an environment. */
  readonly environment?: string;
}

const triggerWhat = (trigger: TriggerNode): string =>
  ({ after: "a trigger after another pipeline", fileArrival: "a file arrival trigger", tableUpdate: "a table update trigger" })[trigger.kind];

/** Every feature a pipeline uses, with where, so a target's gaps can be reported precisely. */
export function featuresUsed(pipeline: PipelineNode): FeatureUse[] {
  const uses: FeatureUse[] = [];
  const onPipeline = (feature: Feature, what: string, path: string[], environment?: string) =>
    uses.push({ feature, what, subject: { pipelineId: pipeline.id, path }, ...(environment !== undefined && { environment }) });
  if (pipeline.schedule) {
    onPipeline("pipeline.schedule", "a schedule", ["schedule"]);
    if (pipeline.schedule.timezone !== "UTC") onPipeline("pipeline.scheduleTimezone", `time zone \`${pipeline.schedule.timezone}\``, ["schedule", "timezone"]);
  }
  if (pipeline.trigger) onPipeline(`pipeline.trigger.${pipeline.trigger.kind}`, triggerWhat(pipeline.trigger), ["trigger"]);
  if (pipeline.paused) onPipeline("pipeline.paused", "`paused`", ["paused"]);
  if (pipeline.timeoutSeconds !== null) onPipeline("pipeline.timeout", "a pipeline timeout", ["timeout"]);
  if (pipeline.maxConcurrentRuns !== null) onPipeline("pipeline.maxConcurrentRuns", "`maxConcurrentRuns`", ["maxConcurrentRuns"]);
  if (pipeline.artifacts.length > 0) onPipeline("pipeline.artifacts", "`artifacts`", ["artifacts"]);
  if (pipeline.params.length > 0) onPipeline("params", "params", ["params"]);
  if (pipeline.secrets.length > 0) onPipeline("secrets", "secrets", ["secrets"]);
  for (const event of ["onStart", "onSuccess", "onFailure"] as const) {
    if (pipeline.notify[event].length > 0) onPipeline(`notify.${event}`, `\`notify.${event}\``, ["notify", event]);
  }
  for (const compute of pipeline.compute) for (const use of computeFeatures(compute)) onPipeline(use.feature, use.what, ["compute", compute.name]);
  // Each environment too: a target that writes every environment must be able to say each one.
  // A value an environment only inherits is the pipeline's own use, reported once above: naming
  // the environment for it would blame a place that says nothing.
  const own = (value: unknown, pipelineValue: unknown) => JSON.stringify(value) !== JSON.stringify(pipelineValue);
  for (const environment of pipeline.environments) {
    const where = `environment \`${environment.name}\` uses`;
    const onEnvironment = (feature: Feature, what: string, ...path: string[]) => onPipeline(feature, `${where} ${what}`, ["environments", environment.name, ...path], environment.name);
    if (environment.schedule && own(environment.schedule, pipeline.schedule)) {
      onEnvironment("pipeline.schedule", "a schedule", "schedule");
      if (environment.schedule.timezone !== "UTC") onEnvironment("pipeline.scheduleTimezone", `time zone \`${environment.schedule.timezone}\``, "schedule", "timezone");
    }
    if (environment.trigger && own(environment.trigger, pipeline.trigger)) onEnvironment(`pipeline.trigger.${environment.trigger.kind}`, triggerWhat(environment.trigger), "trigger");
    if (environment.paused && !pipeline.paused) onEnvironment("pipeline.paused", "`paused`", "paused");
    for (const reference of environment.paramReferences) {
      onEnvironment("params.databricksReference", `the Databricks reference \`\${${reference.databricks}}\` for param \`${reference.name}\``, "params", reference.name);
    }
    if (environment.timeoutSeconds !== null && own(environment.timeoutSeconds, pipeline.timeoutSeconds)) onEnvironment("pipeline.timeout", "a pipeline timeout", "timeout");
    for (const event of ["onStart", "onSuccess", "onFailure"] as const) {
      if (environment.notify[event].length > 0 && own(environment.notify[event], pipeline.notify[event])) onEnvironment(`notify.${event}`, `\`notify.${event}\``, "notify", event);
    }
    for (const compute of environment.compute) {
      if (!own(compute, pipeline.compute.find((candidate) => candidate.name === compute.name))) continue;
      for (const use of computeFeatures(compute)) onEnvironment(use.feature, use.what, "compute", compute.name);
    }
  }

  for (const task of pipeline.tasks) {
    const onTask = (feature: Feature, what: string, path: string[]) =>
      uses.push({ feature, what: `task \`${task.id}\` uses ${what}`, subject: { pipelineId: pipeline.id, taskId: task.id, path } });
    onTask(`action.${task.action.kind}`, `a ${task.action.kind} action`, ["action"]);
    if (task.dependsOn.length > 0 || task.runIf !== "allSuccess") onTask(`runIf.${task.runIf}`, `runIf \`${task.runIf}\``, ["runIf"]);
    const retry = task.retry;
    if (retry.count > 0) {
      onTask("retry.count", "retries", ["retries"]);
      if (retry.delaySeconds > 0) onTask("retry.delay", "a retry delay", ["retries"]);
      if (retry.backoff === "exponential") onTask("retry.exponentialBackoff", "exponential backoff", ["retries"]);
      if (retry.maxDelaySeconds !== null) onTask("retry.maxDelay", "a maximum retry delay", ["retries"]);
      if (retry.onTimeout) onTask("retry.onTimeout", "retry on timeout", ["retries"]);
    }
    if (task.timeoutSeconds !== null) onTask("task.timeout", "a timeout", ["timeout"]);
    if (task.optional) onTask("task.optional", "`optional`", ["optional"]);
    if (task.env.length > 0) onTask("task.env", "environment variables", ["env"]);
    if (task.workingDir !== null) onTask("task.workingDir", "a working directory", ["workingDir"]);
    if (task.group !== null) onTask("task.group", "a group", ["group"]);
    if (task.forEach !== null) onTask("task.forEach", "`forEach`", ["forEach"]);
    // Reported at the first value that uses it: one diagnostic per task says what to change.
    const firstSites = new Map<Feature, { what: string; path: ReadonlyArray<string | number> }>();
    const located = taskHasPart(task, (part) => part.kind === "run" || part.kind === "databricks") ? taskValueSites(task) : [];
    for (const site of located) {
      const parts = site.value.kind === "template" ? site.value.parts : [site.value];
      for (const part of parts) {
        const use =
          part.kind === "run"
            ? { feature: part.name === "id" ? ("value.runId" as const) : ("value.runDate" as const), what: `\`run.${part.name}\`` }
            : part.kind === "databricks"
              ? { feature: "value.databricksReference" as const, what: `the Databricks reference \`${part.syntax === "bundle" ? `\${${part.path}}` : `{{${part.path}}}`}\`` }
              : null;
        if (use !== null && !firstSites.has(use.feature)) firstSites.set(use.feature, { what: use.what, path: site.path });
      }
    }
    for (const [feature, { what, path }] of firstSites) onTask(feature, what, path.map(String));
  }
  // One report per feature and place, though the base and its environments often share values.
  const seen = new Set<string>();
  return uses.filter((use) => {
    const key = `${use.feature}\u0000${JSON.stringify(use.subject.path)}\u0000${use.subject.taskId ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
