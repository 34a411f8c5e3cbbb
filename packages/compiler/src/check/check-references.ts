import { isDatabricksRef, type ComputeSpec, type ParamSpec, type PipelineSpec } from "@orchc/dsl";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { ownValue } from "./own-value.js";
import { referencesIn, valueSites } from "./walk-values.js";

function paramValueProblem(param: ParamSpec, value: unknown): string | null {
  if (param.type === "enum") {
    return typeof value === "string" && param.values.includes(value) ? null : `must be one of ${param.values.map((v) => `\`${v}\``).join(", ")}`;
  }
  return typeof value === param.type ? null : `must be a ${param.type}`;
}

/** Params, secrets and compute named anywhere must be declared; environments may only overlay what exists. */
export function checkReferences(spec: PipelineSpec, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const params = spec.params ?? {};
  const secrets = spec.secrets ?? {};
  const compute: Readonly<Record<string, ComputeSpec>> = spec.compute ?? {};
  const base = { file, pipelineId: spec.id };

  for (const [name, param] of Object.entries(params)) {
    if (param.default === undefined) continue;
    const problem = paramValueProblem(param, param.default);
    if (problem) {
      diagnostics.push(error("ORC133", `the default of param \`${name}\` ${problem}`, { subject: { ...base, path: ["params", name, "default"] } }));
    }
  }

  for (const site of valueSites(spec)) {
    for (const reference of referencesIn(site.value)) {
      const declared = reference.kind === "param" ? params : secrets;
      if (Object.hasOwn(declared, reference.name)) continue;
      const noun = reference.kind === "param" ? "param" : "secret";
      diagnostics.push(
        error(reference.kind === "param" ? "ORC130" : "ORC131", `task \`${site.task.id}\` uses ${noun} \`${reference.name}\`, which pipeline \`${spec.id}\` does not declare`, {
          hint: didYouMean(reference.name, Object.keys(declared)) ?? `declare it in the pipeline's \`${noun}s\``,
          subject: { ...base, taskId: site.task.id, path: site.path, value: reference.name },
        }),
      );
    }
  }

  const computeNames = Object.keys(compute);
  const requireCompute = (name: string, subject: Diagnostic["subject"], what: string, kinds?: ReadonlyArray<ComputeSpec["kind"]>) => {
    const declared = ownValue(compute, name);
    if (!declared) {
      diagnostics.push(
        error("ORC132", `${what} names compute \`${name}\`, which pipeline \`${spec.id}\` does not declare`, {
          hint: didYouMean(name, computeNames) ?? "declare it in the pipeline's `compute`",
          subject,
        }),
      );
    } else if (kinds && !kinds.includes(declared.kind)) {
      diagnostics.push(error("ORC136", `${what} needs a ${kinds.join(" or ")} but compute \`${name}\` is a ${declared.kind}`, { subject }));
    }
  };
  if (spec.defaultCompute !== undefined) {
    requireCompute(spec.defaultCompute, { ...base, path: ["defaultCompute"], value: spec.defaultCompute }, "`defaultCompute`");
  }
  for (const task of spec.tasks) {
    if (task.compute !== undefined) {
      requireCompute(task.compute, { ...base, taskId: task.id, path: ["compute"], value: task.compute }, `task \`${task.id}\``);
    }
    if (task.action.kind === "sql") {
      requireCompute(task.action.warehouse, { ...base, taskId: task.id, path: ["action", "warehouse"], value: task.action.warehouse }, `SQL task \`${task.id}\``, ["warehouse", "sqlWarehouse"]);
      const sources = [task.action.file, task.action.query, task.action.savedQuery, task.action.alert, task.action.dashboard].filter((source) => source !== undefined);
      if (sources.length !== 1) {
        diagnostics.push(error("ORC139", `SQL task \`${task.id}\` needs exactly one of \`file\`, \`query\`, \`savedQuery\`, \`alert\` or \`dashboard\``, { subject: { ...base, taskId: task.id, path: ["action"] } }));
      }
    }
    if (task.action.kind === "dbt" && task.action.warehouse !== undefined) {
      requireCompute(task.action.warehouse, { ...base, taskId: task.id, path: ["action", "warehouse"], value: task.action.warehouse }, `dbt task \`${task.id}\``, ["warehouse", "sqlWarehouse"]);
    }
  }

  let defaults = 0;
  for (const [envName, environment] of Object.entries(spec.environments ?? {})) {
    if (environment.default) defaults++;
    for (const [name, value] of Object.entries(environment.params ?? {})) {
      const subject = { ...base, path: ["environments", envName, "params", name], value: name };
      const param = ownValue(params, name);
      if (!param) {
        diagnostics.push(
          error("ORC134", `environment \`${envName}\` sets param \`${name}\`, which pipeline \`${spec.id}\` does not declare`, {
            hint: didYouMean(name, Object.keys(params)) ?? "declare it in the pipeline's `params`",
            subject,
          }),
        );
        continue;
      }
      // A Databricks reference resolves to text at deploy: only a string param can hold it.
      const problem = isDatabricksRef(value) ? (param.type === "string" ? null : "is not a string param, and a Databricks reference is text") : paramValueProblem(param, value);
      if (problem) diagnostics.push(error("ORC133", `environment \`${envName}\` sets param \`${name}\`, which ${problem}`, { subject }));
    }
    for (const [name, replacement] of Object.entries(environment.compute ?? {})) {
      const declared = ownValue(compute, name);
      if (declared !== undefined) {
        if (declared.kind !== replacement.kind) {
          diagnostics.push(
            error("ORC136", `environment \`${envName}\` replaces ${declared.kind} compute \`${name}\` with a ${replacement.kind}`, {
              hint: "an environment may change a compute's settings, not its kind",
              subject: { ...base, path: ["environments", envName, "compute", name, "kind"], value: replacement.kind },
            }),
          );
        }
        continue;
      }
      diagnostics.push(
        error("ORC134", `environment \`${envName}\` overrides compute \`${name}\`, which pipeline \`${spec.id}\` does not declare`, {
          hint: didYouMean(name, computeNames) ?? "environments may only replace declared compute",
          subject: { ...base, path: ["environments", envName, "compute", name], value: name },
        }),
      );
    }
  }
  if (defaults > 1) {
    diagnostics.push(error("ORC135", `pipeline \`${spec.id}\` marks ${defaults} environments as default`, { hint: "mark at most one", subject: { ...base, path: ["environments"] } }));
  }
  return diagnostics;
}
