import type { Target } from "@orchc/compiler";
import { airflowCapabilities } from "./airflow-capabilities.js";
import { checkForAirflow } from "./airflow-checks.js";
import { renderDag } from "./airflow-dag.js";
import { airflowOptions, type AirflowOptions } from "./airflow-options.js";
import { announcedPipelines } from "./pipeline-assets.js";

/** One DAG file per pipeline, for Airflow 3 (default) or 2. */
export const airflowTarget: Target<AirflowOptions> = {
  name: "airflow",
  description: "one Airflow DAG file per pipeline (dags/<pipeline>.py); Airflow 3.3+ by default, --airflow-version 2 for 2.7+",
  capabilities: airflowCapabilities,
  key: "airflow",
  options: airflowOptions,
  outputDirectories: (options) => [airflowOptions.parse(options ?? {}).dagsFolder],
  check: checkForAirflow,
  emit: (ir, { options }) => {
    const announced = announcedPipelines(ir);
    return ir.pipelines.map((pipeline) => ({
      path: `${options.dagsFolder}/${pipeline.id}.py`,
      format: "python",
      contents: renderDag(pipeline, options, announced.has(pipeline.id)),
      pipelineIds: [pipeline.id],
    }));
  },
};
