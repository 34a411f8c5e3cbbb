import { error, taskValueSites, warning, type Diagnostic, type IR, type PipelineNode, type ValueNode } from "@orchc/compiler";
import { checkForEachTasks } from "./databricks-for-each.js";
import { referencesOf } from "../shared/references-of.js";
import { checkJarAndDbtTask } from "../shared/jar-dbt-tasks.js";
import { checkOutputWriters } from "../shared/output-writers.js";
import { checkWheelTask } from "../shared/wheel-task.js";
import { checkArtifacts } from "./databricks-artifacts.js";
import { databricksEnvironmentOverrides, TARGET_SETTING_KEYS } from "./databricks-options.js";
import { OPTIONAL_SINK_SUFFIX, PIPELINE_ID, RUN_STATUS_TASK } from "./databricks-job.js";
import { bundleReferenceIn, REFERENCE_SEGMENT, SECRET_KEY, SECRET_SCOPE, strayBracesIn, strayBundleReferenceIn } from "./databricks-interpolation.js";
import { checkWorkspaceVariables } from "./databricks-lookup-checks.js";
import { landingTexts } from "./databricks-landing-texts.js";
import { bundleVariables } from "./databricks-values.js";
import { sqlWarehouseKey } from "./databricks-warehouses.js";
import { checkJobSettings } from "./check-job-settings.js";
import { asDeployed, developmentTargets } from "./development-targets.js";
import { quartzCron } from "./quartz-cron.js";

/** Every string of the user's, checked as it lands: no bundle reference anywhere, no stray `{{` where Jobs reads them. */
function checkLandingTexts(pipeline: PipelineNode, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const landing of landingTexts(pipeline)) {
    const subject = { file, pipelineId: pipeline.id, path: landing.path, ...(landing.taskId !== undefined && { taskId: landing.taskId }) };
    const reference = landing.runtime === undefined ? bundleReferenceIn(landing.text) : strayBundleReferenceIn(landing.runtime);
    const braces = landing.runtime === undefined ? null : strayBracesIn(landing.runtime);
    const key = `${landing.what}\u0000${reference}\u0000${braces}`;
    if ((reference === null && braces === null) || reported.has(key)) continue;
    reported.add(key);
    if (reference !== null) {
      diagnostics.push(
        error("ORC301", `${landing.what} holds \`${reference}\`, which the Databricks CLI reads as a bundle reference (bundles have no escape for it)`, {
          hint: "write the text without `${…}`, or pass the value as a param (set at deploy time with `--var`)",
          subject,
        }),
      );
    } else {
      diagnostics.push(
        error("ORC330", `${landing.what} holds \`${braces}\` outside a reference, which Databricks Jobs reads as a dynamic value reference (it has no escape for it)`, {
          hint: "leave the double braces out of the text, or pass the text as a param value given at run time",
          subject,
        }),
      );
    }
  }
  return diagnostics;
}

function checkPipeline(pipeline: PipelineNode, file: string, variableNames: ReturnType<typeof bundleVariables>, variableOwners: Map<string, { pipeline: PipelineNode; ownName: boolean }>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const at = (path: Array<string | number>, taskId?: string, value?: string) => ({ file, pipelineId: pipeline.id, path, ...(taskId && { taskId }), ...(value && { value }) });

  const schedules = [
    { schedule: pipeline.schedule, path: ["schedule"] },
    ...pipeline.environments.map((environment) => ({ schedule: environment.schedule, path: ["environments", environment.name, "schedule"] })),
  ];
  for (const { schedule, path } of schedules) {
    if (schedule === null) continue;
    const quartz = quartzCron(schedule);
    if (!quartz.ok) diagnostics.push(error("ORC301", `schedule \`${schedule.expression}\` cannot be written as a Databricks (Quartz) cron: ${quartz.reason}`, { hint: quartz.wayOut, subject: at(path) }));
  }
  for (const environment of pipeline.environments) {
    const settings = databricksEnvironmentOverrides.safeParse(
      Object.fromEntries(Object.entries(environment.overrides.databricks).filter(([key]) => TARGET_SETTING_KEYS.includes(key))),
    );
    if (!settings.success) {
      diagnostics.push(error("ORC302", `environment \`${environment.name}\`: ${settings.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`, { subject: at(["environments", environment.name]) }));
    }
  }
  // A reference the CLI could not read would be left in place, and the deploy fails on it (databricks/cli#6480).
  const unreadable = (path: string, where: string, subject: ReturnType<typeof at>) => {
    if (path.split(".").every((segment) => REFERENCE_SEGMENT.test(segment))) return;
    diagnostics.push(
      error("ORC301", `${where}: \`\${${path}}\` is not a reference the Databricks CLI reads`, {
        hint: "a reference is dot-separated names of letters and digits, with `_` or `-` only between them: `workspace.current_user.short_name`, `bundle.target`, `var.catalog`",
        subject,
      }),
    );
  };
  for (const environment of pipeline.environments) {
    for (const reference of environment.paramReferences) {
      unreadable(reference.databricks, `environment \`${environment.name}\`: param \`${reference.name}\``, at(["environments", environment.name, "params", reference.name]));
    }
  }
  for (const task of pipeline.tasks) {
    for (const site of taskValueSites(task)) {
      for (const part of site.value.kind === "template" ? site.value.parts : [site.value]) {
        if (part.kind === "databricks" && part.syntax === "bundle") unreadable(part.path, `task \`${task.id}\``, at([...site.path], task.id));
      }
    }
  }
  for (const param of pipeline.params) {
    const variable = variableNames.get(pipeline.id)!.get(param.name)!;
    if (!REFERENCE_SEGMENT.test(variable)) {
      diagnostics.push(error("ORC301", `param \`${param.name}\` cannot be named in a bundle variable reference (\`\${var.${variable}}\`)`, { hint: "start it (and, in a bundle of several pipelines, the pipeline id) with a letter and use `_` or `-` only between letters and digits", subject: at(["params", param.name]) }));
    }
    const owner = variableOwners.get(variable);
    // Pipelines share a variable by design only under the param's own name (all want the same values).
    if (owner !== undefined && owner.pipeline !== pipeline && !(owner.ownName && variable === param.name)) {
      diagnostics.push(
        error("ORC301", `param \`${param.name}\` would be bundle variable \`${variable}\`, which pipeline \`${owner.pipeline.id}\` also uses`, {
          hint: "rename the param or one of the pipelines: the bundle's variables are named `<pipeline>__<param>`",
          subject: at(["params", param.name]),
        }),
      );
    }
    variableOwners.set(variable, { pipeline, ownName: variable === param.name });
  }
  for (const compute of pipeline.compute) {
    if (compute.kind !== "sqlWarehouse") continue;
    const key = sqlWarehouseKey(pipeline, compute);
    if (!REFERENCE_SEGMENT.test(key)) {
      diagnostics.push(
        error("ORC301", `warehouse \`${compute.name}\` would be the bundle resource \`${key}\`, which a \`\${resources.sql_warehouses.…}\` reference cannot name`, {
          hint: "give the compute (and the pipeline) a name of letters and digits, with `_` or `-` only between them",
          subject: at(["compute", compute.name]),
        }),
      );
    }
  }
  diagnostics.push(...checkLandingTexts(pipeline, file));

  const usedSecrets = new Set<string>();
  for (const task of pipeline.tasks) {
    const action = task.action;
    const taskValues: Array<{ value: ValueNode; path: Array<string | number> }> = [];
    if (action.kind === "notebook" || action.kind === "sql") taskValues.push(...action.params.map(({ name, value }) => ({ value, path: ["action", "params", name] })));
    if (action.kind === "sparkPython") taskValues.push(...action.args.map((value, index) => ({ value, path: ["action", "args", index] })));
    if (action.kind === "sparkJar") taskValues.push(...action.parameters.map((value, index) => ({ value, path: ["action", "parameters", index] })));
    if (action.kind === "dbt") taskValues.push(...action.commands.map((value, index) => ({ value, path: ["action", "commands", index] })));
    if (action.kind === "pythonWheel") taskValues.push(...action.parameters.map((value) => ({ value, path: ["action", "parameters"] })), ...action.namedParameters.map(({ name, value }) => ({ value, path: ["action", "namedParameters", name] })));
    for (const value of taskValues) for (const reference of referencesOf(value.value)) if (reference.kind === "secret") usedSecrets.add(reference.name);
    if (action.kind === "sql" && action.query !== null) {
      diagnostics.push(error("ORC301", `task \`${task.id}\` runs inline SQL text, but a Databricks sql_task runs a file or a saved query`, { hint: "put the SQL in a file, sql({ file: \"queries/x.sql\" }, …), or save it as a query and run it by id, sql({ savedQuery: \"<query id>\" }, …)", subject: at(["action"], task.id) }));
    }
    if (action.kind === "lakeflowPipeline" && !PIPELINE_ID.test(action.pipeline) && !REFERENCE_SEGMENT.test(action.pipeline)) {
      diagnostics.push(error("ORC301", `pipeline \`${action.pipeline}\` cannot be named in \`\${resources.pipelines.<key>.id}\``, { hint: "use the pipeline's resource key (letters, digits, `_`, `-`) or its id", subject: at(["action"], task.id, action.pipeline) }));
    }
    if (task.optional) {
      if (`${task.id}${OPTIONAL_SINK_SUFFIX}`.length > 100) {
        diagnostics.push(error("ORC301", `optional task \`${task.id}\` needs a companion task key longer than Databricks' 100 characters`, { hint: `shorten the id to at most ${100 - OPTIONAL_SINK_SUFFIX.length} characters`, subject: at(["id"], task.id) }));
      }
    }
    if (task.id.toLowerCase() === RUN_STATUS_TASK) {
      diagnostics.push(
        error("ORC332", `task id \`${task.id}\` is the key of the condition task orchc adds on Databricks so that a failed non-optional task fails the run`, {
          hint: "rename the task",
          subject: at(["id"], task.id),
        }),
      );
    }
    // Reserved whether or not a task of that name is optional: making it optional later must not rename anything.
    if (task.id.toLowerCase().endsWith(OPTIONAL_SINK_SUFFIX)) {
      diagnostics.push(
        error("ORC332", `task id \`${task.id}\` ends with \`${OPTIONAL_SINK_SUFFIX}\`, which orchc keeps on Databricks for the condition task after an optional task`, {
          hint: "rename the task",
          subject: at(["id"], task.id),
        }),
      );
    }
  }
  for (const ref of usedSecrets) {
    const secret = pipeline.secrets.find((candidate) => candidate.name === ref)!;
    if (secret.scope === null) {
      diagnostics.push(error("ORC301", `secret \`${secret.name}\` has no Databricks secret scope`, { hint: "declare it as `{ scope: \"<scope>\", key: \"<key>\" }`", subject: at(["secrets", secret.name]) }));
    } else if (!SECRET_SCOPE.test(secret.scope) || !SECRET_KEY.test(secret.key)) {
      const [part, name] = SECRET_SCOPE.test(secret.scope) ? ["key", secret.key] : ["scope", secret.scope];
      diagnostics.push(
        error("ORC331", `secret \`${secret.name}\` has the ${part} name \`${name}\`, which Databricks does not accept`, {
          hint: part === "scope" ? "a scope name holds letters, digits, `-`, `_`, `@` and `.`, at most 128 characters" : "a key name holds letters, digits, `-`, `_` and `.`, at most 128 characters",
          subject: at(["secrets", secret.name, part], undefined, name),
        }),
      );
    }
  }
  return diagnostics;
}

/** A name prefix orchc leaves out (asDeployed), said where the user wrote it. */
function checkDevelopmentPrefixes(pipeline: PipelineNode, file: string, development: ReadonlySet<string>): Diagnostic[] {
  return pipeline.environments
    .filter((environment) => development.has(environment.name) && environment.namePrefix !== "")
    .map((environment) =>
      warning("ORC333", `environment \`${environment.name}\`: namePrefix \`${environment.namePrefix}\` is replaced on Databricks by development mode's \`[dev <user>] \`, which the CLI puts before every job and warehouse name of target \`${environment.name}\``, {
        hint: `drop namePrefix for this environment, or leave out \`mode: "development"\` to keep it; orchc does not write both, which would deploy as \`[dev <user>] ${environment.namePrefix}${pipeline.baseName}\``,
        subject: { file, pipelineId: pipeline.id, path: ["environments", environment.name, "namePrefix"], value: environment.namePrefix },
      }),
    );
}

export function checkForDatabricks({ ir, fileOf }: { ir: IR; fileOf: (pipelineId: string) => string }): Diagnostic[] {
  const variableNames = bundleVariables(ir);
  const variableOwners = new Map<string, { pipeline: PipelineNode; ownName: boolean }>();
  const development = developmentTargets(ir);
  return [
    ...ir.pipelines.flatMap((pipeline) => [
      ...checkDevelopmentPrefixes(pipeline, fileOf(pipeline.id), development),
      // Checked as deployed: a prefix orchc leaves out lands nowhere.
      ...checkPipeline(asDeployed(pipeline, development), fileOf(pipeline.id), variableNames, variableOwners),
    ]),
    ...checkJobSettings(ir, fileOf),
    ...checkWorkspaceVariables(ir, fileOf),
    ...checkArtifacts(ir, fileOf),
    ...ir.pipelines.flatMap((pipeline) =>
      pipeline.tasks.flatMap((task) => [
        ...checkWheelTask(pipeline, task, fileOf(pipeline.id), "on Databricks"),
        ...checkJarAndDbtTask(pipeline, task, fileOf(pipeline.id), "on Databricks"),
        ...checkOutputWriters(pipeline, task, fileOf(pipeline.id), ["notebook", "sparkPython", "pythonWheel"], "on Databricks", "sets each as a task value: `dbutils.jobs.taskValues.set(key=\"<name>\", value=...)`"),
      ]),
    ),
    ...ir.pipelines.flatMap((pipeline) => checkForEachTasks(pipeline, fileOf(pipeline.id))),
  ];
}
