import type { ParamValue, PlanEnvironment, PlanParam, RunPlan } from "../plan.js";
import { RunInputError } from "./run-input-error.js";

function parseValue(param: PlanParam, raw: string): ParamValue {
  switch (param.type) {
    case "number": {
      const value = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(value)) throw new RunInputError(`param \`${param.name}\` is a number; got ${JSON.stringify(raw)}`, null, "request", ["params", param.name]);
      return value;
    }
    case "boolean":
      if (raw === "true" || raw === "false") return raw === "true";
      throw new RunInputError(`param \`${param.name}\` is a boolean; got ${JSON.stringify(raw)}`, "write true or false", "request", ["params", param.name]);
    case "enum":
      if (param.values?.includes(raw)) return raw;
      throw new RunInputError(`param \`${param.name}\` must be one of ${(param.values ?? []).join(", ")}; got ${JSON.stringify(raw)}`, null, "request", ["params", param.name]);
    case "string":
      return raw;
  }
}

/** Splits `--param name=value` arguments; the value may itself hold `=`. */
export function parseParamArguments(pairs: ReadonlyArray<string>): Record<string, string> {
  // No prototype: `--param toString=x` or `--param __proto__=x` is a name like any other.
  const given: Record<string, string> = Object.create(null);
  for (const pair of pairs) {
    const separator = pair.indexOf("=");
    if (separator <= 0) throw new RunInputError(`--param ${JSON.stringify(pair)} is not name=value`);
    given[pair.slice(0, separator)] = pair.slice(separator + 1);
  }
  return given;
}

/** Every param's value for this run: given, else the environment's default, else the pipeline's; typed and checked. */
export function resolveParams(plan: RunPlan, environment: PlanEnvironment | null, given: Readonly<Record<string, string>>): Record<string, ParamValue> {
  const known = new Map(plan.params.map((param) => [param.name, param]));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      const declared = plan.params.map((param) => param.name);
      throw new RunInputError(`pipeline \`${plan.pipeline.id}\` has no param \`${name}\``, declared.length > 0 ? `its params: ${declared.join(", ")}` : "it declares no params", "request", ["params"]);
    }
  }
  const values: Record<string, ParamValue> = Object.create(null);
  for (const param of plan.params) {
    const raw = Object.hasOwn(given, param.name) ? given[param.name] : undefined;
    if (raw !== undefined) {
      values[param.name] = parseValue(param, raw);
      continue;
    }
    const fallback = environment && Object.hasOwn(environment.params, param.name) ? environment.params[param.name] : param.default;
    if (fallback === null || fallback === undefined) throw new RunInputError(`param \`${param.name}\` has no default`, `give it: --param ${param.name}=<value>`, "request", ["params", param.name]);
    values[param.name] = fallback;
  }
  return values;
}

/** The environment asked for, else the one the plan was built for, else none. */
export function chooseEnvironment(plan: RunPlan, requested: string | null): PlanEnvironment | null {
  const name = requested ?? plan.environment;
  if (name === null) return null;
  const environment = plan.environments.find((candidate) => candidate.name === name);
  if (!environment) {
    const declared = plan.environments.map((candidate) => candidate.name);
    throw new RunInputError(`pipeline \`${plan.pipeline.id}\` declares no environment \`${name}\``, declared.length > 0 ? `declared: ${declared.join(", ")}` : "it declares no environments", "request", ["environments"]);
  }
  return environment;
}
