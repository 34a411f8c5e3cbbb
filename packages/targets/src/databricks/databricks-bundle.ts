import type { EnvironmentNode, GeneratedFile, IR, PipelineNode } from "@orchc/compiler";
import { renderYaml } from "../shared/render-yaml.js";
import { AsGiven, asGiven, BundleReference, bundleYaml, type BundleMap } from "./bundle-value.js";
import { bundleArtifacts } from "./databricks-artifacts.js";
import { TARGET_SETTING_KEYS, type DatabricksOptions } from "./databricks-options.js";
import { environmentFields, jobBody, type JobContext } from "./databricks-job.js";
import { workspaceVariables } from "./databricks-lookups.js";
import { bundleVariables } from "./databricks-values.js";
import { sqlWarehouseResources } from "./databricks-warehouses.js";
import { asDeployed, developmentTargets, targetEnvironments } from "./development-targets.js";
import { overriddenField, withJobOverrides } from "./job-overrides.js";
import { splitByEnvironment } from "./split-by-environment.js";

/** Keys of `.databricks({...})` that configure the bundle or its targets rather than the job. */
/**
 * Keys of `.databricks({...})` that are not job fields as given: the bundle's and its targets'
 * settings, and the job's triggers, which environmentFields writes with the pipeline's pause.
 */
const NOT_JOB_FIELDS = new Set([...TARGET_SETTING_KEYS, "bundleName", "bundleUuid", "trigger", "continuous"]);

/** The pipeline's own values as an environment, for pipelines that declare none. */
function baseEnvironment(pipeline: PipelineNode): EnvironmentNode {
  return {
    name: "",
    isDefault: false,
    namePrefix: pipeline.name.slice(0, pipeline.name.length - pipeline.baseName.length),
    paused: pipeline.paused,
    schedule: pipeline.schedule,
    trigger: pipeline.trigger,
    paramValues: pipeline.params.map((param) => ({ name: param.name, value: param.default })),
    paramReferences: [],
    timeoutSeconds: pipeline.timeoutSeconds,
    notify: pipeline.notify,
    compute: pipeline.compute,
    overrides: pipeline.overrides,
  };
}

const jobOverrides = (overrides: Readonly<Record<string, unknown>>): BundleMap => asGiven(Object.fromEntries(Object.entries(overrides).filter(([key]) => !NOT_JOB_FIELDS.has(key))));

/** The job fields environments change: shared ones in the job resource, differing ones whole in every target. */
function jobFieldsByEnvironment(pipeline: PipelineNode, context: JobContext): { shared: BundleMap; perTarget: Map<string, BundleMap> } {
  if (pipeline.environments.length === 0) return { shared: environmentFields(pipeline, baseEnvironment(pipeline), context), perTarget: new Map() };
  return splitByEnvironment(new Map(pipeline.environments.map((environment) => [environment.name, withJobOverrides(environmentFields(pipeline, environment, context), jobOverrides(environment.overrides.databricks))])));
}

function targetSettings(environment: EnvironmentNode, options: DatabricksOptions): BundleMap {
  const settings = environment.overrides.databricks;
  const mode = settings.mode as string | undefined;
  const host = settings.host as string | undefined;
  const rootPath = (settings.rootPath as string | undefined) ?? (mode === "production" ? options.productionRootPath : undefined);
  return {
    ...(environment.isDefault && { default: true }),
    ...(mode !== undefined && { mode: new AsGiven(mode) }),
    ...((host !== undefined || rootPath !== undefined) && {
      workspace: { ...(host !== undefined && { host: new AsGiven(host) }), ...(rootPath !== undefined && { root_path: new AsGiven(rootPath) }) },
    }),
    ...(settings.presets !== undefined && { presets: asGiven(settings.presets as Record<string, unknown>) }),
    ...(settings.targetPermissions !== undefined && { permissions: new AsGiven(settings.targetPermissions) }),
  };
}

const orderedJob = (shared: BundleMap, body: BundleMap, overrides: BundleMap): BundleMap => {
  const { tasks, ...rest } = { ...body, ...overrides };
  const sharedWithOverrides = Object.fromEntries(Object.entries(shared).map(([key, value]) => [key, overriddenField(key, value, overrides[key])]));
  // Name and schedule first, tasks last: the order people read a job in.
  return { name: shared.name, ...rest, ...sharedWithOverrides, tasks };
};

export function renderBundle(ir: IR, options: DatabricksOptions): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  const variables: BundleMap = {};
  const targetJobs = new Map<string, BundleMap>();
  const targetVariables = new Map<string, BundleMap>();
  const targetWarehouses = new Map<string, BundleMap>();

  const variableNames = bundleVariables(ir);
  const development = developmentTargets(ir);
  const context: JobContext = { developmentTarget: development.size > 0 };
  for (const declared of ir.pipelines) {
    const pipeline = asDeployed(declared, development);
    const variableOf = (param: string) => variableNames.get(pipeline.id)!.get(param)!;
    for (const param of pipeline.params) {
      variables[variableOf(param.name)] = {
        ...(param.description !== null && { description: param.description }),
        ...(param.default !== null && { default: String(param.default) }),
      };
    }
    const workspace = workspaceVariables(pipeline);
    Object.assign(variables, workspace.variables);
    const { shared, perTarget } = jobFieldsByEnvironment(pipeline, context);
    const warehouses = sqlWarehouseResources(pipeline, baseEnvironment(pipeline).namePrefix);
    for (const environment of pipeline.environments) {
      const values = targetVariables.get(environment.name) ?? {};
      for (const { name, value } of environment.paramValues) if (value !== null) values[variableOf(name)] = String(value);
      for (const { name, databricks } of environment.paramReferences) values[variableOf(name)] = new BundleReference(databricks);
      Object.assign(values, workspace.perTarget.get(environment.name));
      targetVariables.set(environment.name, values);
      const jobs = targetJobs.get(environment.name) ?? {};
      const fields = perTarget.get(environment.name)!;
      if (Object.keys(fields).length > 0) jobs[pipeline.id] = fields;
      targetJobs.set(environment.name, jobs);
      targetWarehouses.set(environment.name, { ...targetWarehouses.get(environment.name), ...warehouses.perTarget.get(environment.name) });
    }
    files.push({
      path: `${options.resourcesFolder}/${pipeline.id}.job.yml`,
      format: "yaml",
      contents: renderYaml(
        bundleYaml({
          resources: {
            // With environments, each one's fields already hold the pipeline's overrides (merged into its own).
            jobs: { [pipeline.id]: orderedJob(shared, jobBody(pipeline, variableOf, context), pipeline.environments.length === 0 ? jobOverrides(pipeline.overrides.databricks) : {}) },
            ...(Object.keys(warehouses.shared).length > 0 && { sql_warehouses: warehouses.shared }),
          },
        }),
      ),
      pipelineIds: [pipeline.id],
    });
  }

  const targetSection: BundleMap = {};
  const targets = targetEnvironments(ir);
  for (const [name, environment] of targets) {
    const values = targetVariables.get(name) ?? {};
    const jobs = targetJobs.get(name) ?? {};
    const warehouses = targetWarehouses.get(name) ?? {};
    const resources: BundleMap = {
      ...(Object.keys(jobs).length > 0 && { jobs }),
      ...(Object.keys(warehouses).length > 0 && { sql_warehouses: warehouses }),
    };
    targetSection[name] = {
      ...targetSettings(environment, options),
      ...(Object.keys(values).length > 0 && { variables: values }),
      ...(Object.keys(resources).length > 0 && { resources }),
    };
  }
  const bundleUuid = ir.pipelines.map((pipeline) => pipeline.overrides.databricks.bundleUuid).find((uuid) => typeof uuid === "string") as string | undefined;
  const bundleName = options.bundleName ?? (ir.pipelines.find((pipeline) => typeof pipeline.overrides.databricks.bundleName === "string")?.overrides.databricks.bundleName as string | undefined);
  const artifacts = bundleArtifacts(ir);
  const bundle: BundleMap = {
    bundle: { name: bundleName === undefined ? ir.pipelines[0]!.id : new AsGiven(bundleName), ...(bundleUuid !== undefined && { uuid: new AsGiven(bundleUuid) }) },
    include: [`${options.resourcesFolder}/*.yml`],
    ...(Object.keys(artifacts).length > 0 && { artifacts }),
    ...(Object.keys(variables).length > 0 && { variables }),
    ...(targets.size > 0 && { targets: targetSection }),
  };
  files.unshift({ path: "databricks.yml", format: "yaml", contents: renderYaml(bundleYaml(bundle)), pipelineIds: ir.pipelines.map((pipeline) => pipeline.id) });
  return files;
}
