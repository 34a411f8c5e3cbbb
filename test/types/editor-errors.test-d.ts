// Every promise that a mistake fails in the editor: each `@ts-expect-error` below fails the
// type test if the line it guards ever stops being an error.
import { cluster, cron, definePipeline, notebook, params, pipeline, runner, sh, sqlWarehouse } from "orchc";

const p = params({
  catalog: { type: "string", default: "dev" },
  workers: { type: "number", default: 2 },
  mode: { type: "enum", values: ["full", "incremental"], default: "full" },
});

const daily = pipeline("daily", {
  schedule: cron("0 6 * * *", { timezone: "UTC" }),
  params: p,
  compute: { main: cluster({ sparkVersion: "16.4.x-scala2.12", nodeType: "i3.xlarge", workers: 2 }), ci: runner("ubuntu-latest") },
  environments: {
    dev: { params: { catalog: "dev_catalog", mode: "incremental" } },
    // @ts-expect-error a param value of the wrong type in an environment
    staging: { params: { workers: "four" } },
    // @ts-expect-error an environment that sets an undeclared param
    prod: { params: { catlog: "prod" } },
  },
});

const extract = daily.task("extract", sh`python extract.py --catalog ${p.catalog}`);
// @ts-expect-error an undeclared param
daily.task("typo", sh`python x.py --catalog ${p.catalgo}`);

// @ts-expect-error a dependency on a task that was never declared
daily.task("load", sh`python load.py`).after(transformm);

const weekly = pipeline("weekly", {});
const weeklyTask = weekly.task("w", sh`true`);
// @ts-expect-error a handle from another pipeline
daily.task("mixed", sh`true`).after(weeklyTask);

// @ts-expect-error compute that the pipeline does not declare
extract.compute("gpu");
extract.compute("main");

// @ts-expect-error a trigger rule that does not exist
extract.runIf("sometimes");

// @ts-expect-error a duration without a unit orchc knows
extract.timeout("3 hours");

// @ts-expect-error retries take a count
extract.retries("2");

pipeline("bad_options", {
  // @ts-expect-error maxConcurrentRuns is a number
  maxConcurrentRuns: "1",
});

// @ts-expect-error a notebook param must be a value, not an object
daily.task("nb", notebook("src/nb.py", { catalog: { nested: true } }));

definePipeline({
  id: "plain",
  tasks: {
    extract: { action: { kind: "shell", command: "./extract.sh" } },
    // @ts-expect-error plain-object dependency on an undeclared task
    load: { action: { kind: "python", script: "load.py" }, after: ["extrakt"] },
  },
});

definePipeline({
  id: "plain_ok",
  tasks: {
    extract: { action: { kind: "shell", command: "./extract.sh" } },
    load: { action: { kind: "python", script: "load.py" }, after: ["extract"], runIf: "allDone" },
  },
});

definePipeline({
  id: "plain_action",
  tasks: {
    // @ts-expect-error an action kind that does not exist
    extract: { action: { kind: "bash", command: "./extract.sh" } },
  },
});

export { daily };

// Target overrides are typed: a misspelt Airflow argument or a wrong value type is an error.
extract.airflow({ pool: "warehouse", priority_weight: 10 });
// @ts-expect-error an Airflow argument that does not exist
extract.airflow({ poool: "warehouse" });
// @ts-expect-error pool_slots is a number
extract.airflow({ pool_slots: "2" });
daily.airflow({ max_active_tasks: 4, startDate: "2025-01-01" });
// @ts-expect-error a start date must be YYYY-MM-DD
daily.airflow({ startDate: "yesterday" });

extract.databricks({ libraries: [{ pypi: { package: "requests" } }], disabled: false });
// @ts-expect-error a Databricks task field that does not exist
extract.databricks({ max_retires: 2 });
daily.databricks({ bundleName: "lakehouse", queue: { enabled: true } });
// @ts-expect-error performance_target has two values
daily.databricks({ performance_target: "FAST" });

pipeline("env_overrides", {
  environments: {
    prod: { overrides: { databricks: { mode: "production", rootPath: "/Workspace/prod" } } },
    // @ts-expect-error a bundle target mode that does not exist
    dev: { overrides: { databricks: { mode: "dev" } } },
  },
});

extract.githubActions({ "runs-on": "ubuntu-24.04", environment: "prod", permissions: { contents: "read", "id-token": "write" } });
// @ts-expect-error a job key that does not exist
extract.githubActions({ "run-on": "ubuntu-24.04" });
// @ts-expect-error a permission level that does not exist
extract.githubActions({ permissions: { contents: "admin" } });

// @ts-expect-error a warehouse size Databricks does not offer
sqlWarehouse({ name: "reporting", size: "Tiny" });
// @ts-expect-error a warehouse needs a size
sqlWarehouse({ name: "reporting" });

// A pipeline's `targets` names what each target may drop or emulate; nothing else can be asked for.
pipeline("allowed", { targets: { airflow: {}, githubActions: { "pipeline.timeout": "emulate", "notify.onFailure": "drop" }, local: {} } });
pipeline("drop_timeout", { targets: { githubActions: { "pipeline.timeout": "drop" }, databricks: { "retry.exponentialBackoff": "drop" } } });
// @ts-expect-error a target cannot emulate a notification
pipeline("emulate_notify", { targets: { githubActions: { "notify.onFailure": "emulate" } } });
// @ts-expect-error Databricks cannot drop a shell action: the task would vanish
pipeline("drop_action", { targets: { databricks: { "action.shell": "drop" } } });
// @ts-expect-error local expresses everything, so there is nothing to allow
pipeline("local_drop", { targets: { local: { "pipeline.timeout": "drop" } } });
// @ts-expect-error a target that does not exist
pipeline("no_target", { targets: { prefect: {} } });
// @ts-expect-error target keys are spelt as the overrides spell them
pipeline("kebab", { targets: { "github-actions": {} } });
