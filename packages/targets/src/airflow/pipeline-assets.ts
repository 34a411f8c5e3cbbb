import type { IR, PipelineNode } from "@orchc/compiler";
import type { AirflowOptions } from "./airflow-options.js";
import { call, str, type Py } from "./python-source.js";

type Version = AirflowOptions["airflowVersion"];

/** Airflow 3 says Asset, Airflow 2 Dataset (DatasetAny from 2.9). */
const names = (airflowVersion: Version) => (airflowVersion === 3 ? { asset: "Asset", any: "AssetAny" } : { asset: "Dataset", any: "DatasetAny" });

/** The asset a pipeline's successful run updates: one URI per pipeline id, which the ids' rules keep URI-safe. */
export const successAsset = (pipelineId: string, airflowVersion: Version): Py => call(names(airflowVersion).asset, [[null, str(`orchc://pipeline/${pipelineId}`)]]);

/** `schedule=` for a pipeline that runs after others: any one's asset update starts a run. */
export function afterSchedule(pipeline: PipelineNode, airflowVersion: Version): Py | null {
  if (pipeline.trigger?.kind !== "after") return null;
  const assets = pipeline.trigger.pipelines.map((upstream) => successAsset(upstream, airflowVersion));
  return assets.length === 1 ? assets[0]! : call(names(airflowVersion).any, assets.map((asset) => [null, asset] as const));
}

/** What the DAG module imports for its assets, by name. */
export function assetImports(pipeline: PipelineNode, announcesSuccess: boolean, airflowVersion: Version): string[] {
  const scheduled = pipeline.schedule === null && pipeline.trigger?.kind === "after";
  const { asset, any } = names(airflowVersion);
  return [...(announcesSuccess || scheduled ? [asset] : []), ...(scheduled && pipeline.trigger!.kind === "after" && pipeline.trigger.pipelines.length > 1 ? [any] : [])];
}

/** The pipelines that others in this build run after: their DAGs announce success. */
export const announcedPipelines = (ir: IR): ReadonlySet<string> =>
  new Set(ir.pipelines.flatMap((pipeline) => (pipeline.trigger?.kind === "after" ? pipeline.trigger.pipelines : [])));
