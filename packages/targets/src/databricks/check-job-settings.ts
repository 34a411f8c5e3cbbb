import { error, type Diagnostic, type IR, type PipelineNode } from "@orchc/compiler";
import { CHECKED_PIPELINE_SETTINGS, databricksPipelineSettings } from "./databricks-job-settings.js";

/** Where a setting was written: the environment's own overrides when they differ from the pipeline's. */
function settingPath(pipeline: PipelineNode, environment: string | null, key: string): Array<string | number> {
  const own = environment === null ? undefined : pipeline.environments.find((candidate) => candidate.name === environment)?.overrides.databricks[key];
  const inherited = pipeline.overrides.databricks[key];
  return environment !== null && own !== inherited ? ["environments", environment, "overrides", "databricks", key] : ["overrides", "databricks", key];
}

/**
 * The Databricks job settings orchc reads itself (`trigger`, `continuous`, `git_source`,
 * `bundleUuid`) and the typed ones it passes through (`health`, `queue`, `run_as`, `permissions`,
 * notifications, `performance_target`): their shape, as the bundle schema has it (ORC302), and that
 * a job has one way to start on its own: a cron schedule, a trigger or continuous running (ORC334).
 */
function checkPipelineSettings(pipeline: PipelineNode, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const resolved = [
    { name: null, overrides: pipeline.overrides.databricks, schedule: pipeline.schedule, label: "" },
    ...pipeline.environments.map((environment) => ({ name: environment.name, overrides: environment.overrides.databricks, schedule: environment.schedule, label: `environment \`${environment.name}\`: ` })),
  ];
  // An environment inherits the pipeline's settings: a problem already reported at the same place is not repeated.
  const reported = new Set<string>();
  const once = (diagnostic: Diagnostic, problem: string) => {
    const key = `${diagnostic.code}\u0000${problem}\u0000${JSON.stringify(diagnostic.subject?.path)}`;
    if (!reported.has(key)) diagnostics.push(diagnostic);
    reported.add(key);
  };
  // One bundle has one name and one uuid: an environment cannot give its target another.
  for (const environment of pipeline.environments) {
    for (const key of ["bundleName", "bundleUuid"]) {
      if (settingPath(pipeline, environment.name, key)[0] !== "environments" || environment.overrides.databricks[key] === undefined) continue;
      diagnostics.push(
        error("ORC302", `environment \`${environment.name}\`: \`.databricks({ ${key} })\` names the whole bundle, which every target shares`, {
          hint: "set it on the pipeline's `.databricks({...})`",
          subject: { file, pipelineId: pipeline.id, path: settingPath(pipeline, environment.name, key) },
        }),
      );
    }
  }
  for (const { name, overrides, schedule, label } of resolved) {
    const settings = Object.fromEntries(CHECKED_PIPELINE_SETTINGS.filter((key) => overrides[key] !== undefined).map((key) => [key, overrides[key]]));
    const parsed = databricksPipelineSettings.safeParse(settings);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [key, ...rest] = issue.path.map((part) => (typeof part === "symbol" ? String(part) : part));
        const problem = `\`.databricks({ ${String(key)} })\`${rest.length > 0 ? ` at \`${rest.join(".")}\`` : ""}: ${issue.message}`;
        once(error("ORC302", `${label}${problem}`, { subject: { file, pipelineId: pipeline.id, path: settingPath(pipeline, name, String(key)) } }), problem);
      }
    }
    const starts = [schedule !== null ? "a cron schedule" : null, overrides.trigger !== undefined ? "`trigger`" : null, overrides.continuous !== undefined ? "`continuous`" : null].filter((start) => start !== null);
    if (starts.length > 1) {
      // Said at the setting this environment adds, when it adds one.
      const keys = (["continuous", "trigger"] as const).filter((key) => overrides[key] !== undefined);
      const key = keys.find((candidate) => settingPath(pipeline, name, candidate)[0] === "environments") ?? keys[0]!;
      const problem = `a Databricks job starts one way on its own, but this pipeline has ${starts.slice(0, -1).join(", ")} and ${starts.at(-1)}`;
      once(
        error("ORC334", `${label}${problem}`, {
          hint: "keep one: a cron schedule is the one every target runs; `trigger` and `continuous` are Databricks' own (on other targets the pipeline then runs when started)",
          subject: { file, pipelineId: pipeline.id, path: settingPath(pipeline, name, key) },
        }),
        problem,
      );
    }
  }
  return diagnostics;
}

/** One bundle has one `bundle.uuid`: two pipelines built into it must not name two. */
function checkBundleUuid(ir: IR, fileOf: (pipelineId: string) => string): Diagnostic[] {
  const first = ir.pipelines.find((pipeline) => typeof pipeline.overrides.databricks.bundleUuid === "string");
  if (first === undefined) return [];
  const uuid = first.overrides.databricks.bundleUuid;
  return ir.pipelines
    .filter((pipeline) => typeof pipeline.overrides.databricks.bundleUuid === "string" && pipeline.overrides.databricks.bundleUuid !== uuid)
    .map((pipeline) =>
      error("ORC334", `pipeline \`${pipeline.id}\` names bundle uuid \`${String(pipeline.overrides.databricks.bundleUuid)}\`, but pipeline \`${first.id}\`, built into the same bundle, names \`${String(uuid)}\``, {
        hint: "a bundle has one uuid: set it on one pipeline, or build the pipelines into separate folders",
        subject: { file: fileOf(pipeline.id), pipelineId: pipeline.id, path: ["overrides", "databricks", "bundleUuid"] },
      }),
    );
}

export function checkJobSettings(ir: IR, fileOf: (pipelineId: string) => string): Diagnostic[] {
  return [...ir.pipelines.flatMap((pipeline) => checkPipelineSettings(pipeline, fileOf(pipeline.id))), ...checkBundleUuid(ir, fileOf)];
}
