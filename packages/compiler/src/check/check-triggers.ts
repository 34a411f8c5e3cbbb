import type { EnvironmentSpec, PipelineSpec, TriggerSpec } from "@orchc/dsl";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { ownValue } from "./own-value.js";

// Braces and `$` are left out: Databricks reads `${…}` and `{{…}}` in job settings as references.
/** A Unity Catalog table, as Databricks' table_update trigger names it. */
const TABLE_NAME = /^[^.\s`${}]+\.[^.\s`${}]+\.[^.\s`${}]+$/;
/** Where a file can land that an engine can watch: a cloud URL or a Unity Catalog volume. */
const WATCHED_PATH = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/\s${}]+(?:\/[^\s${}]*)?|\/Volumes\/[^\s${}]+)$/;

interface Resolved {
  readonly environment: string | null;
  readonly trigger: TriggerSpec | null;
  readonly path: ReadonlyArray<string>;
  readonly scheduled: boolean;
  readonly databricksStart: string | null;
}

/** The trigger each environment ends up with, where it was written, and what else would start the run. */
function resolved(spec: PipelineSpec): Resolved[] {
  const databricksStart = (overlay: EnvironmentSpec | null): string | null => {
    const settings = { ...spec.overrides?.databricks, ...overlay?.overrides?.databricks };
    return settings.trigger !== undefined ? "`.databricks({ trigger })`" : settings.continuous !== undefined ? "`.databricks({ continuous })`" : null;
  };
  const base: Resolved = { environment: null, trigger: spec.trigger ?? null, path: ["trigger"], scheduled: spec.schedule !== undefined, databricksStart: databricksStart(null) };
  return [
    base,
    ...Object.keys(spec.environments ?? {}).map((name) => {
      const overlay = ownValue(spec.environments, name) ?? {};
      const own = overlay.trigger !== undefined;
      return {
        environment: name,
        trigger: own ? overlay.trigger! : base.trigger,
        path: own || overlay.schedule !== undefined ? ["environments", name, own ? "trigger" : "schedule"] : base.path,
        scheduled: overlay.schedule === undefined ? base.scheduled : overlay.schedule !== null,
        databricksStart: databricksStart(overlay),
      };
    }),
  ];
}

/** Values that need no other pipeline: what starts the run is one thing, and what it watches is a name an engine can watch. */
function checkOne(spec: PipelineSpec, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const once = (diagnostic: Diagnostic) => {
    const key = `${diagnostic.message}\u0000${JSON.stringify(diagnostic.subject?.path)}`;
    if (!seen.has(key)) diagnostics.push(diagnostic);
    seen.add(key);
  };
  for (const { environment, trigger, path, scheduled, databricksStart } of resolved(spec)) {
    if (trigger === null) continue;
    const where = environment === null ? "" : `environment \`${environment}\`: `;
    const other = scheduled ? "a cron schedule" : databricksStart;
    if (other !== null) {
      once(
        error("ORC157", `${where}the pipeline has a trigger and ${other}; a run starts one way on its own`, {
          hint: scheduled
            ? `keep one: remove the schedule (in an environment, \`schedule: null\`) or the trigger (\`trigger: null\`)`
            : "keep the cross-target `trigger` (it writes Databricks' trigger itself) and remove the `.databricks({...})` setting",
          subject: { file, pipelineId: spec.id, path },
        }),
      );
    }
    if ("fileArrival" in trigger && trigger.fileArrival !== undefined && !WATCHED_PATH.test(trigger.fileArrival.path)) {
      once(
        error("ORC159", `${where}file arrival path \`${trigger.fileArrival.path}\` is not a storage URL or a Unity Catalog volume`, {
          hint: "name the folder files land in: `s3://bucket/landing/`, `abfss://container@account.dfs.core.windows.net/landing/`, `gs://…` or `/Volumes/<catalog>/<schema>/<volume>/landing/`",
          subject: { file, pipelineId: spec.id, path: [...path, "fileArrival", "path"], value: trigger.fileArrival.path },
        }),
      );
    }
    if ("tableUpdate" in trigger && trigger.tableUpdate !== undefined) {
      for (const table of trigger.tableUpdate.tables.filter((name) => !TABLE_NAME.test(name))) {
        once(
          error("ORC159", `${where}table \`${table}\` is not named \`catalog.schema.table\``, {
            hint: "a table update trigger watches Unity Catalog tables by their full three-part name",
            subject: { file, pipelineId: spec.id, path: [...path, "tableUpdate", "tables"], value: table },
          }),
        );
      }
    }
  }
  return diagnostics;
}

/**
 * `after` names pipelines of the same build (ORC155) without a cycle (ORC156): a cycle of triggers
 * would start runs forever, one pipeline's success starting the next.
 */
function checkAfter(specs: ReadonlyArray<{ readonly spec: PipelineSpec; readonly file: string }>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const ids = specs.map(({ spec }) => spec.id);
  const upstreams = new Map<string, Set<string>>();
  for (const { spec, file } of specs) {
    const reported = new Set<string>();
    for (const { trigger, path } of resolved(spec)) {
      if (trigger === null || !("after" in trigger) || trigger.after === undefined) continue;
      for (const upstream of trigger.after) {
        if (ids.includes(upstream)) upstreams.set(spec.id, (upstreams.get(spec.id) ?? new Set()).add(upstream));
        else if (!reported.has(upstream)) {
          reported.add(upstream);
          diagnostics.push(
            error("ORC155", `trigger \`after\` names pipeline \`${upstream}\`, which this build does not declare`, {
              hint: didYouMean(upstream, ids) ?? `build it together with this pipeline (name both files, or the folder); declared: ${ids.map((id) => `\`${id}\``).join(", ")}`,
              subject: { file, pipelineId: spec.id, path: [...path, "after"], value: upstream },
            }),
          );
        }
      }
    }
  }
  const fileOf = new Map(specs.map(({ spec, file }) => [spec.id, file]));
  const done = new Set<string>();
  for (const start of ids) {
    const path: string[] = [];
    const visit = (id: string): string[] | null => {
      if (path.includes(id)) return [...path.slice(path.indexOf(id)), id];
      if (done.has(id)) return null;
      path.push(id);
      for (const upstream of upstreams.get(id) ?? []) {
        const cycle = visit(upstream);
        if (cycle !== null) return cycle;
      }
      path.pop();
      done.add(id);
      return null;
    };
    const cycle = visit(start);
    if (cycle === null) continue;
    for (const id of cycle) done.add(id);
    const [first, second] = [cycle[0]!, cycle[1]!];
    diagnostics.push(
      error("ORC156", `trigger cycle: ${[...cycle].reverse().join(" → ")} (each pipeline's success would start the next, forever)`, {
        hint: `remove one of these triggers, such as \`${second}\` from the \`after\` of \`${first}\``,
        subject: { file: fileOf.get(first) ?? "", pipelineId: first, path: ["trigger", "after"], value: second },
      }),
    );
  }
  return diagnostics;
}

/** Triggers of every pipeline in the build: their own values, and how they name each other. */
export function checkTriggers(specs: ReadonlyArray<{ readonly spec: PipelineSpec; readonly file: string }>): Diagnostic[] {
  return [...specs.flatMap(({ spec, file }) => checkOne(spec, file)), ...checkAfter(specs)];
}
