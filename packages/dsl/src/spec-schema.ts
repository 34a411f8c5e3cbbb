/**
 * zod schemas of the pipeline spec: what the compiler validates every input with, and what
 * `orchc schema` turns into the JSON Schema of the plain-object form. Objects are strict so a
 * misspelt key is an error, never silently ignored.
 */
import * as z from "zod";
import { OUTPUT_TYPES, RUN_IF_RULES, RUN_VALUES, WAREHOUSE_SIZES } from "./spec.js";

// Control characters (other than tab and line breaks) are refused: they cannot be written faithfully
// into every target's files (YAML forbids most, Python and shell give them meanings), and a NUL ends C strings.
const text = z.string().regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, "holds a control character; only tab, newline and carriage return are allowed");
const durationPattern = /^\d+(\.\d+)?(s|m|h|d)$/;
export const DurationSchema = z.union([
  z.number().nonnegative().describe("seconds"),
  z
    .templateLiteral([z.number().nonnegative(), z.enum(["s", "m", "h", "d"])])
    .refine((text) => durationPattern.test(text), 'a duration is a number with a unit: "90s", "5m", "3h" or "1d"')
    .describe('a number with a unit: "90s", "5m", "3h" or "1d"'),
], { error: 'expected a duration: seconds as a number, or a number with a unit ("90s", "5m", "3h", "1d")' });

export const DatabricksRefSchema = z.strictObject({ $databricks: text }).describe("a Databricks bundle reference, filled in by the CLI at deploy time");
export const ParamRefSchema = z.strictObject({ $param: text }).describe("a reference to a declared param");
export const SecretRefSchema = z.strictObject({ $secret: text }).describe("a reference to a declared secret");
export const RunValueSchema = z.strictObject({ $run: z.enum(RUN_VALUES) }).describe("a value of the run the task is in: `id` or `date`");
export const DatabricksValueSchema = z
  .strictObject({ $databricksValue: text.regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, "is not a dynamic value reference path (`job.run_id`, `tasks.<task>.values.<key>`)") })
  .describe("a Databricks dynamic value reference, filled in by Jobs when the task starts");
export const OutputRefSchema = z.strictObject({ $output: z.strictObject({ task: text, name: text }) }).describe("an output of another task of the pipeline");
export const ItemRefSchema = z.strictObject({ $item: z.literal(true) }).describe("the item of the for-each iteration the task runs");
const ReferenceSchema = z.union([ParamRefSchema, SecretRefSchema, RunValueSchema, OutputRefSchema, ItemRefSchema, DatabricksRefSchema, DatabricksValueSchema]);
export const TemplateSchema = z.strictObject({ $template: z.array(z.union([text, ReferenceSchema])) }).describe("text and references concatenated");
export const ValueSchema = z.union([text, TemplateSchema, ReferenceSchema, z.number(), z.boolean()], {
  error: "expected a value: a string, number or boolean, a param or secret reference, a run value, or a template",
});

const described = { description: text.optional() };
export const ParamSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("string"), default: text.optional(), ...described }),
  z.strictObject({ type: z.literal("number"), default: z.number().optional(), ...described }),
  z.strictObject({ type: z.literal("boolean"), default: z.boolean().optional(), ...described }),
  z.strictObject({ type: z.literal("enum"), values: z.array(text).min(1), default: text.optional(), ...described }),
]);

export const SecretSchema = z.strictObject({
  description: text.optional(),
  env: text.optional(),
  scope: text.optional(),
  key: text.optional(),
});

export const ScheduleSchema = z.strictObject({ cron: text, timezone: text.optional() });
export const TriggerSchema = z.union(
  [
    z.strictObject({ after: z.array(text.min(1)).min(1) }),
    z.strictObject({ fileArrival: z.strictObject({ path: text.min(1) }) }),
    z.strictObject({ tableUpdate: z.strictObject({ tables: z.array(text.min(1)).min(1) }) }),
  ],
  { error: "expected one trigger: `{ after: [pipeline ids] }`, `{ fileArrival: { path } }` or `{ tableUpdate: { tables: [names] } }`" },
);

const emailTargets = z.strictObject({ email: z.array(text).min(1) });
export const NotifySchema = z.strictObject({
  onStart: emailTargets.optional(),
  onSuccess: emailTargets.optional(),
  onFailure: emailTargets.optional(),
});

// JSON only: overrides are written into generated files, so dates, functions or NaN must not pass.
const override = z.record(text, z.json());

/** A compute's Databricks fields passed through, minus the ones orchc writes from its own (one source for each). */
const passThrough = (owned: ReadonlyArray<string>) =>
  override.refine((fields) => !Object.keys(fields).some((key) => owned.includes(key)), { message: `set these with the compute's own fields: ${owned.join(", ")}` });

/**
 * An object with exactly one of two fields, checked with one plain message, then typed (and published
 * in the JSON Schema) as the union of the two shapes. The union sits behind a pipe because a
 * discriminated union cannot hold two options of one `kind`; the pipe keeps the kind visible to it.
 */
function exactlyOne<S extends z.ZodRawShape, A extends z.ZodRawShape, B extends z.ZodRawShape>(shared: S, first: A, second: B, message: string) {
  const optional = <T extends z.ZodRawShape>(shape: T) => Object.fromEntries(Object.entries(shape).map(([key, type]) => [key, z.optional(type)])) as { [K in keyof T]: z.ZodOptional<T[K]> };
  const given = (value: object, shape: z.ZodRawShape) => Object.keys(shape).some((key) => (value as Record<string, unknown>)[key] !== undefined);
  const loose = z.strictObject({ ...shared, ...optional(first), ...optional(second) });
  const exact = z.union([z.strictObject({ ...shared, ...first }), z.strictObject({ ...shared, ...second })]);
  // What passed the refinement is one of the two shapes: the pipe only narrows the type.
  return loose.refine((value) => given(value, first) !== given(value, second), { message }).pipe(exact as unknown as z.ZodType<z.output<typeof exact>, z.output<typeof loose>>);
}

const byIdOrName = <S extends z.ZodRawShape>(shared: S) =>
  exactlyOne(shared, { id: text }, { name: text.min(1, "is empty, and the Databricks CLI reads an empty name as no lookup at all") }, "give exactly one of `id` and `name` (its name in the workspace)");
export const WorkspaceObjectSchema = byIdOrName({}).describe("an object of the Databricks workspace, by id or by its name there");

const stringMap = z.record(text, text);
export const ComputeSchema = z.discriminatedUnion("kind", [
  exactlyOne(
    {
      kind: z.literal("cluster"),
      sparkVersion: text,
      workers: z.number().int().nonnegative().optional(),
      autoscale: z.strictObject({ min: z.number().int().nonnegative(), max: z.number().int().positive() }).optional(),
      sparkConf: stringMap.optional(),
      env: stringMap.optional(),
      policy: WorkspaceObjectSchema.optional(),
      databricks: passThrough(["spark_version", "node_type_id", "instance_pool_id", "policy_id", "num_workers", "autoscale", "spark_conf", "spark_env_vars"]).optional(),
    },
    { nodeType: text },
    { instancePool: WorkspaceObjectSchema },
    "give exactly one of `nodeType` and `instancePool` (a pool's clusters take its node type; Databricks refuses both)",
  ),
  byIdOrName({ kind: z.literal("existingCluster") }),
  byIdOrName({ kind: z.literal("warehouse") }),
  z
    .strictObject({
      kind: z.literal("sqlWarehouse"),
      name: text.max(99),
      size: z.enum(WAREHOUSE_SIZES),
      minClusters: z.number().int().min(1).max(30).optional(),
      maxClusters: z.number().int().min(1).max(40).optional(),
      autoStopMinutes: z.number().int().refine((minutes) => minutes === 0 || minutes >= 10, "must be 0 (never) or at least 10").optional(),
      type: z.enum(["pro", "classic"]).optional(),
      serverless: z.boolean().optional(),
      photon: z.boolean().optional(),
      databricks: passThrough(["name", "cluster_size", "min_num_clusters", "max_num_clusters", "auto_stop_mins", "warehouse_type", "enable_serverless_compute", "enable_photon"]).optional(),
    })
    .refine((warehouse) => warehouse.minClusters === undefined || warehouse.maxClusters === undefined || warehouse.minClusters <= warehouse.maxClusters, {
      message: "minClusters must not exceed maxClusters",
      path: ["minClusters"],
    })
    .refine((warehouse) => !warehouse.serverless || warehouse.type !== "classic", { message: "a serverless warehouse must be of type pro", path: ["type"] }),
  z.strictObject({ kind: z.literal("serverless"), dependencies: z.array(text).optional(), environmentVersion: text.optional() }),
  z.strictObject({ kind: z.literal("runner"), runsOn: z.union([text, z.array(text).min(1)]) }),
]);

const valueMap = z.record(text, ValueSchema);
export const LibrarySchema = z.union(
  [
    z.strictObject({ whl: text.min(1) }),
    z.strictObject({ jar: text.min(1) }),
    z.strictObject({ pypi: z.strictObject({ package: text.min(1), repo: text.optional() }) }),
    z.strictObject({ maven: z.strictObject({ coordinates: text.min(1), repo: text.optional(), exclusions: z.array(text).optional() }) }),
  ],
  { error: "expected a library: { whl }, { jar }, { pypi: { package, repo? } } or { maven: { coordinates, repo?, exclusions? } }" },
);
export const ArtifactSchema = z.strictObject({
  type: z.enum(["whl", "jar"]),
  build: text.optional(),
  path: text.optional(),
  files: z.array(z.strictObject({ source: text.min(1) })).optional(),
  dynamicVersion: z.boolean().optional(),
});
export const ActionSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("shell"), command: ValueSchema }),
  z.strictObject({ kind: z.literal("python"), script: text, args: z.array(ValueSchema).optional() }),
  z.strictObject({
    kind: z.literal("notebook"),
    path: text,
    params: valueMap.optional(),
    source: z.enum(["workspace", "git"]).optional(),
  }),
  z.strictObject({ kind: z.literal("sparkPython"), file: text, args: z.array(ValueSchema).optional() }),
  z
    .strictObject({
      kind: z.literal("pythonWheel"),
      package: text.min(1),
      entryPoint: text.min(1),
      parameters: z.array(ValueSchema).optional(),
      namedParameters: valueMap.optional(),
      libraries: z.array(LibrarySchema).optional(),
    })
    // Databricks' python_wheel_task takes one of the two.
    .refine((action) => action.parameters === undefined || action.namedParameters === undefined, { message: "give `parameters` or `namedParameters`, not both", path: ["namedParameters"] }),
  z.strictObject({ kind: z.literal("sparkJar"), mainClass: text.min(1), parameters: z.array(ValueSchema).optional(), libraries: z.array(LibrarySchema).optional() }),
  z.strictObject({
    kind: z.literal("dbt"),
    // Databricks takes 1 to 10 commands.
    commands: z.array(ValueSchema).min(1).max(10),
    project: text.optional(),
    profiles: text.optional(),
    warehouse: text.optional(),
    catalog: text.optional(),
    schema: text.optional(),
    source: z.enum(["workspace", "git"]).optional(),
    libraries: z.array(LibrarySchema).optional(),
  }),
  z.strictObject({ kind: z.literal("lakeflowPipeline"), pipeline: text, fullRefresh: z.boolean().optional() }),
  z.strictObject({ kind: z.literal("runPipeline"), pipeline: text.min(1), params: valueMap.optional() }),
  z
    .strictObject({
      kind: z.literal("sql"),
      file: text.optional(),
      query: text.optional(),
      savedQuery: text.min(1).optional(),
      alert: text.min(1).optional(),
      dashboard: text.min(1).optional(),
      subscriptions: z.array(z.union([z.strictObject({ user: text.min(1) }), z.strictObject({ destination: text.min(1) })], { error: "expected a subscription: { user } or { destination }" })).optional(),
      pauseSubscriptions: z.boolean().optional(),
      customSubject: text.optional(),
      warehouse: text,
      params: valueMap.optional(),
    })
    // sql_task's alert and dashboard take subscriptions and no parameters; only a dashboard takes a subject.
    .refine((action) => (action.alert === undefined && action.dashboard === undefined) || action.params === undefined, { message: "an alert or dashboard takes no `params`", path: ["params"] })
    .refine((action) => action.alert !== undefined || action.dashboard !== undefined || (action.subscriptions === undefined && action.pauseSubscriptions === undefined), {
      message: "only an alert or a dashboard takes `subscriptions` and `pauseSubscriptions`",
      path: ["subscriptions"],
    })
    .refine((action) => action.dashboard !== undefined || action.customSubject === undefined, { message: "only a dashboard takes `customSubject`", path: ["customSubject"] }),
]);

export const RetrySchema = z.strictObject({
  count: z.number().int().nonnegative(),
  delay: DurationSchema.optional(),
  backoff: z.enum(["fixed", "exponential"]).optional(),
  maxDelay: DurationSchema.optional(),
  onTimeout: z.boolean().optional(),
});

export const TargetOverridesSchema = z.strictObject({
  airflow: override.optional(),
  databricks: override.optional(),
  githubActions: override.optional(),
  local: override.optional(),
});

const drop = z.literal("drop").optional();
/** Written out (not built from TARGET_ALLOWANCES) so its type is exact; spec-schema-agreement.test-d.ts keeps it equal to PipelineTargetsSpec. */
export const PipelineTargetsSchema = z
  .strictObject({
    airflow: z.strictObject({ "notify.onStart": drop }).optional(),
    databricks: z.strictObject({ "retry.exponentialBackoff": drop, "retry.maxDelay": drop }).optional(),
    githubActions: z
      .strictObject({ "pipeline.timeout": z.enum(["emulate", "drop"]).optional(), "notify.onStart": drop, "notify.onSuccess": drop, "notify.onFailure": drop })
      .optional(),
    local: z.strictObject({}).optional(),
  })
  .describe("the targets this pipeline is built for (absent: every target), and what each may drop or emulate");

const taskFields = {
  description: text.optional(),
  action: ActionSchema,
  after: z.array(text).optional(),
  retries: RetrySchema.optional(),
  timeout: DurationSchema.optional(),
  runIf: z.enum(RUN_IF_RULES).optional(),
  optional: z.boolean().optional(),
  env: valueMap.optional(),
  outputs: z.record(text, z.enum(OUTPUT_TYPES)).optional(),
  forEach: z
    .strictObject({
      items: z.union([z.array(z.union([text, z.number()])), ParamRefSchema, OutputRefSchema], {
        error: "expected the items: a list of strings or numbers, a string param, or a `list` output of another task",
      }),
      concurrency: z.number().int().positive().optional(),
    })
    .optional(),
  workingDir: text.optional(),
  compute: text.optional(),
  group: text.optional(),
  tags: z.array(text).optional(),
  overrides: TargetOverridesSchema.optional(),
};
export const TaskSchema = z.strictObject({ id: text, ...taskFields });
/** A task in the keyed form of the plain-object input, where the key is the id. */
export const KeyedTaskSchema = z.strictObject(taskFields);

export const EnvironmentSchema = z.strictObject({
  default: z.boolean().optional(),
  namePrefix: text.optional(),
  paused: z.boolean().optional(),
  schedule: ScheduleSchema.nullable().optional(),
  trigger: TriggerSchema.nullable().optional(),
  params: z.record(text, z.union([text, z.number(), z.boolean(), DatabricksRefSchema])).optional(),
  timeout: DurationSchema.nullable().optional(),
  notify: NotifySchema.nullable().optional(),
  compute: z.record(text, ComputeSchema).optional(),
  overrides: TargetOverridesSchema.optional(),
});

const pipelineFields = {
  id: text,
  name: text.optional(),
  description: text.optional(),
  owner: text.optional(),
  tags: z.array(text).optional(),
  schedule: ScheduleSchema.optional(),
  trigger: TriggerSchema.optional(),
  paused: z.boolean().optional(),
  timeout: DurationSchema.optional(),
  maxConcurrentRuns: z.number().int().positive().optional(),
  params: z.record(text, ParamSchema).optional(),
  secrets: z.record(text, SecretSchema).optional(),
  notify: NotifySchema.optional(),
  compute: z.record(text, ComputeSchema).optional(),
  defaultCompute: text.optional(),
  environments: z.record(text, EnvironmentSchema).optional(),
  artifacts: z.record(text, ArtifactSchema).optional(),
  targets: PipelineTargetsSchema.optional(),
  overrides: TargetOverridesSchema.optional(),
};
export const PipelineSchema = z.strictObject({ ...pipelineFields, tasks: z.array(TaskSchema) });

/** What a JSON or YAML pipeline file may hold: tasks as a list, or keyed by id. */
export const PipelineInputSchema = z.strictObject({
  $schema: text.optional(),
  ...pipelineFields,
  tasks: z.union([z.array(TaskSchema), z.record(text, KeyedTaskSchema)]),
});
