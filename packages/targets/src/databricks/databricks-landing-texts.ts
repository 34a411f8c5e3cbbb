import type { ComputeNode, EnvironmentNode, LibraryNode, PipelineNode } from "@orchc/compiler";
import type { RuntimeText } from "./databricks-interpolation.js";
import { libraryPath } from "./databricks-libraries.js";
import { bundlePath, databricksRuntimeText } from "./databricks-values.js";

/** One string of the user's as it lands in the bundle: the final text, what it is, and where it came from. */
export interface LandingText {
  readonly text: string;
  readonly what: string;
  readonly path: ReadonlyArray<string | number>;
  readonly taskId?: string;
  /** Set where Jobs also resolves `{{…}}` at run time (task parameters, job parameter values). */
  readonly runtime?: RuntimeText;
}

const literal = (text: string): RuntimeText => ({ text, references: [] });

const libraryTexts = (library: LibraryNode): string[] =>
  library.kind === "whl" || library.kind === "jar"
    ? [libraryPath(library.path)]
    : library.kind === "pypi"
      ? [library.package, ...(library.repo === null ? [] : [library.repo])]
      : [library.coordinates, ...(library.repo === null ? [] : [library.repo]), ...library.exclusions];

function* computeTexts(compute: ReadonlyArray<ComputeNode>, namePrefix: string, base: ReadonlyArray<string>): Generator<LandingText> {
  for (const node of compute) {
    const path = [...base, "compute", node.name];
    const at = (what: string, text: string): LandingText => ({ text, what: `compute \`${node.name}\` ${what}`, path });
    switch (node.kind) {
      case "cluster":
        yield at("spark version", node.sparkVersion);
        if (node.nodeType !== null) yield at("node type", node.nodeType);
        if (node.instancePool !== null) yield at(`instance pool ${node.instancePool.by}`, node.instancePool.value);
        if (node.policy !== null) yield at(`cluster policy ${node.policy.by}`, node.policy.value);
        for (const [key, value] of [...node.sparkConf, ...node.env]) {
          yield at("setting name", key);
          yield at(`setting \`${key}\``, value);
        }
        break;
      case "existingCluster":
        yield at(`cluster ${node.cluster.by}`, node.cluster.value);
        break;
      case "warehouse":
        yield at(`warehouse ${node.warehouse.by}`, node.warehouse.value);
        break;
      case "sqlWarehouse":
        yield at("warehouse name", `${namePrefix}${node.warehouseName}`);
        break;
      case "serverless":
        for (const dependency of node.dependencies) yield at("dependency", dependency);
        if (node.environmentVersion !== null) yield at("environment version", node.environmentVersion);
        break;
      case "runner":
        break;
    }
  }
}

function* environmentTexts(pipeline: PipelineNode, environment: EnvironmentNode | null): Generator<LandingText> {
  const base = environment === null ? [] : ["environments", environment.name];
  const prefix = environment?.namePrefix ?? pipeline.name.slice(0, pipeline.name.length - pipeline.baseName.length);
  yield { text: prefix + pipeline.baseName, what: "the job name", path: environment === null ? ["name"] : [...base, "namePrefix"] };
  const notify = environment?.notify ?? pipeline.notify;
  for (const address of [...notify.onStart, ...notify.onSuccess, ...notify.onFailure]) yield { text: address, what: "a notification address", path: [...base, "notify"] };
  if (environment !== null) {
    for (const { name, value } of environment.paramValues) {
      if (typeof value === "string") yield { text: value, what: `the value of param \`${name}\``, path: [...base, "params", name], runtime: literal(value) };
    }
  }
  yield* computeTexts(environment?.compute ?? pipeline.compute, prefix, base);
}

/**
 * Every string of the user's that a pipeline puts in the bundle, as it lands, for a diagnostic
 * with its path. A field missing here is still caught at emit (bundleYaml), as an internal error.
 */
export function* landingTexts(pipeline: PipelineNode): Generator<LandingText> {
  if (pipeline.description !== null) yield { text: pipeline.description, what: "the description", path: ["description"] };
  for (const tag of pipeline.tags) yield { text: tag, what: "a tag", path: ["tags"] };
  for (const param of pipeline.params) {
    if (param.description !== null) yield { text: param.description, what: `the description of param \`${param.name}\``, path: ["params", param.name, "description"] };
    if (typeof param.default === "string") yield { text: param.default, what: `the default of param \`${param.name}\``, path: ["params", param.name, "default"], runtime: literal(param.default) };
  }
  yield* environmentTexts(pipeline, null);
  for (const environment of pipeline.environments) yield* environmentTexts(pipeline, environment);
  for (const task of pipeline.tasks) {
    const at = (what: string, path: ReadonlyArray<string | number>, text: string, runtime?: RuntimeText): LandingText => ({ text, what: `task \`${task.id}\`: ${what}`, path, taskId: task.id, ...(runtime && { runtime }) });
    if (task.description !== null) yield at("the description", ["description"], task.description.slice(0, 1000));
    // A written for-each list lands as JSON in `inputs`, which Jobs reads for `{{…}}` like a task parameter.
    if (task.forEach?.items.kind === "static") for (const [index, item] of task.forEach.items.values.entries()) yield at(`for-each item ${index + 1}`, ["forEach", "items", index], item, literal(item));
    const action = task.action;
    if (action.kind === "notebook" || action.kind === "sql") {
      if (action.kind === "notebook") yield at("the notebook path", ["action", "path"], bundlePath(action.path));
      if (action.kind === "sql" && action.file !== null) yield at("the SQL file", ["action", "file"], bundlePath(action.file));
      for (const { name, value } of action.params) {
        yield at("a parameter name", ["action", "params", name], name);
        const runtime = databricksRuntimeText(pipeline, value);
        yield at(`parameter \`${name}\``, ["action", "params", name], runtime.text, runtime);
      }
    }
    if (action.kind === "pythonWheel") {
      yield at("the package name", ["action", "package"], action.package);
      yield at("the entry point", ["action", "entryPoint"], action.entryPoint);
      for (const [index, value] of action.parameters.entries()) {
        const runtime = databricksRuntimeText(pipeline, value);
        yield at(`parameter ${index + 1}`, ["action", "parameters", index], runtime.text, runtime);
      }
      for (const { name, value } of action.namedParameters) {
        yield at("a parameter name", ["action", "namedParameters", name], name);
        const runtime = databricksRuntimeText(pipeline, value);
        yield at(`parameter \`${name}\``, ["action", "namedParameters", name], runtime.text, runtime);
      }
      for (const [index, library] of action.libraries.entries()) {
        for (const text of libraryTexts(library)) yield at("a library", ["action", "libraries", index], text);
      }
    }
    if (action.kind === "runPipeline") {
      // job_parameters: names and values the other job receives, read by Jobs like any task parameter.
      for (const { name, value } of action.params) {
        yield at("a parameter name", ["action", "params", name], name);
        const runtime = databricksRuntimeText(pipeline, value);
        yield at(`parameter \`${name}\``, ["action", "params", name], runtime.text, runtime);
      }
    }
    if (action.kind === "sparkJar") yield at("the main class", ["action", "mainClass"], action.mainClass);
    if (action.kind === "sparkJar" || action.kind === "dbt") {
      const [field, what] = action.kind === "sparkJar" ? (["parameters", "parameter"] as const) : (["commands", "command"] as const);
      for (const [index, value] of (action.kind === "sparkJar" ? action.parameters : action.commands).entries()) {
        const runtime = databricksRuntimeText(pipeline, value);
        yield at(`${what} ${index + 1}`, ["action", field, index], runtime.text, runtime);
      }
      for (const [index, library] of action.libraries.entries()) {
        for (const text of libraryTexts(library)) yield at("a library", ["action", "libraries", index], text);
      }
    }
    if (action.kind === "dbt") {
      for (const key of ["project", "profiles", "catalog", "schema"] as const) {
        const text = action[key];
        if (text !== null) yield at(`the dbt ${key}`, ["action", key], key === "project" && action.source === "workspace" ? libraryPath(text) : text);
      }
    }
    if (action.kind === "sql" && action.saved !== null) {
      const saved = action.saved;
      yield at(`the ${saved.kind} id`, ["action", saved.kind === "query" ? "savedQuery" : saved.kind], saved.id);
      if (saved.kind !== "query") for (const entry of saved.subscriptions) yield at("a subscription", ["action", "subscriptions"], entry.name);
      if (saved.kind === "dashboard" && saved.customSubject !== null) yield at("the e-mail subject", ["action", "customSubject"], saved.customSubject);
    }
    if (action.kind === "sparkPython") {
      yield at("the Python file", ["action", "file"], bundlePath(action.file));
      for (const [index, value] of action.args.entries()) {
        const runtime = databricksRuntimeText(pipeline, value);
        yield at(`argument ${index + 1}`, ["action", "args", index], runtime.text, runtime);
      }
    }
  }
}
