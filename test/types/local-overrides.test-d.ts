// `.local({...})` is typed: each `@ts-expect-error` below fails the type test if the line it guards
// ever stops being an error.
import { notebook, pipeline, sh, type LocalPipelineOverrides, type LocalTaskOverrides } from "orchc";

const daily = pipeline("daily", {
  environments: {
    dev: { overrides: { local: { parallel: 2 } } },
    // @ts-expect-error parallel is a number, in an environment too
    prod: { overrides: { local: { parallel: "2" } } },
  },
});

const silver = daily.task("silver", notebook("src/silver.py"));
silver.local({ command: "python3 src/silver.py", env: { SPARK_MASTER: "local[2]" }, workingDir: "jobs" });
// @ts-expect-error a key that does not exist
silver.local({ comand: "python3 src/silver.py" });
// @ts-expect-error command is bash text, not an argument list
silver.local({ command: ["python3", "src/silver.py"] });
// @ts-expect-error env values are literal strings
silver.local({ env: { WORKERS: 2 } });
// @ts-expect-error workingDir is a string
daily.task("load", sh`./load.sh`).local({ workingDir: true });

daily.local({ parallel: 4 });
// @ts-expect-error parallel is a number
daily.local({ parallel: "4" });
// @ts-expect-error a task key on the pipeline
daily.local({ command: "true" });

export const taskOverrides: LocalTaskOverrides = { command: "true" };
export const pipelineOverrides: LocalPipelineOverrides = { parallel: 1 };
