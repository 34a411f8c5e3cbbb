// How long real Airflow 3.3 takes to parse orchc's 1,000-task DAG, against the smallest
// hand-written DAG with the same tasks and edges and against dag-factory loading the same DAG from
// YAML. Airflow re-parses every DAG file every 30 s, so this cost is paid for as long as the DAG
// is deployed. The time is Airflow's own (the DagBag's FileLoadStat duration, see airflow-parse.py).
//
// Needs the venvs of scripts/provision-airflow.sh and scripts/provision-dag-factory.sh; a missing
// one is reported as not run, with the command that provisions it.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import {
  dagFactoryLoader,
  dagFactoryYaml,
  handWrittenDag,
} from "./airflow-parse-dags.mjs";
import { dslPipeline } from "./generate-pipeline.mjs";

export const AIRFLOW_PARSE_TASKS = 1000;
const DAG_ID = `bench_${AIRFLOW_PARSE_TASKS}`;
const DAG_FACTORY_VERSION = "1.1.0";

export const PARSE_LABELS = {
  orchc: `Airflow parse: orchc's DAG, ${AIRFLOW_PARSE_TASKS} tasks`,
  handWritten: `Airflow parse: hand-written DAG, ${AIRFLOW_PARSE_TASKS} tasks`,
  orchcBesideDagFactory: `Airflow parse: orchc's DAG in the dag-factory venv, ${AIRFLOW_PARSE_TASKS} tasks`,
  dagFactory: `Airflow parse: dag-factory YAML, ${AIRFLOW_PARSE_TASKS} tasks`,
};

const ratio = (value) => `${value.toFixed(2)}×`;

/**
 * `{ repo, work, orchc, measure }` as the other sections get them (measure is unused: the times
 * are Airflow's, not a process's wall time). `runs`: parses of each file after a warm-up for the
 * close comparison with the hand-written DAG, default 31, as the machine may be shared and a parse
 * is a fraction of a second; the dag-factory comparison is far from its goal and gets a third.
 */
export function benchAirflowParse({ repo, work, orchc, runs = 31 }) {
  const venvs = {
    airflow: join(repo, ".tools", "airflow-3.3"),
    dagFactory: join(repo, ".tools", `dag-factory-${DAG_FACTORY_VERSION}`),
  };
  const provisioned = (venv) =>
    existsSync(join(venv, ".orchc-provision-stamp"));
  const skipped = !provisioned(venvs.airflow)
    ? `no Airflow venv at ${venvs.airflow}: run \`bash scripts/provision-airflow.sh\` first`
    : !provisioned(venvs.dagFactory)
      ? `no dag-factory venv at ${venvs.dagFactory}: run \`bash scripts/provision-dag-factory.sh\` first`
      : null;
  if (skipped) return { skipped, results: [], goals: goals({}) };

  const folder = join(work, "airflow-parse");
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(join(folder, "airflow-home", "plugins"), { recursive: true });
  const env = hermeticEnv(join(folder, "airflow-home"));
  /** Parses the files taking turns; Airflow's report for each, in the same order. */
  const parse = (venv, files, { runs: count = runs, tasks = false } = {}) => {
    const out = join(folder, "report.json");
    const args = [
      join(repo, "test", "bench", "airflow-parse.py"),
      ...files,
      "--out",
      out,
      "--runs",
      String(count),
      ...(tasks ? ["--tasks"] : []),
    ];
    const result = spawnSync(join(venv, "bin", "python"), args, {
      cwd: folder,
      env,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.status !== 0)
      throw new Error(
        `airflow-parse.py ${files.join(" ")} exited ${result.status}: ${result.stderr.slice(-3000)}`,
      );
    const report = JSON.parse(readFileSync(out, "utf8"));
    version = report.airflow_version;
    return files.map((file) => {
      const parsed = report.files[file];
      if (
        Object.keys(parsed.import_errors).length > 0 ||
        parsed.tasks !== AIRFLOW_PARSE_TASKS
      ) {
        throw new Error(
          `Airflow found ${parsed.tasks} tasks in ${file}, import errors: ${JSON.stringify(parsed.import_errors).slice(0, 3000)}`,
        );
      }
      return parsed;
    });
  };
  let version = null;

  writeFileSync(join(folder, "pipeline.ts"), dslPipeline(AIRFLOW_PARSE_TASKS));
  const built = spawnSync(
    process.execPath,
    [orchc, "build", "pipeline.ts", "--target", "airflow", "--out", "."],
    { cwd: folder, encoding: "utf8" },
  );
  if (built.status !== 0)
    throw new Error(`orchc build failed: ${built.stderr}`);
  const files = {
    orchc: join(folder, "dags", `${DAG_ID}.py`),
    handWritten: join(folder, "hand-written", `${DAG_ID}.py`),
    dagFactory: join(folder, "dag-factory", `${DAG_ID}.py`),
  };
  const [{ task_list: tasks }] = parse(venvs.airflow, [files.orchc], {
    runs: 1,
    tasks: true,
  });
  mkdirSync(join(folder, "hand-written"));
  writeFileSync(files.handWritten, handWrittenDag(DAG_ID, tasks));
  mkdirSync(join(folder, "dag-factory"));
  writeFileSync(
    join(folder, "dag-factory", `${DAG_ID}.yaml`),
    dagFactoryYaml(DAG_ID, tasks),
  );
  writeFileSync(files.dagFactory, dagFactoryLoader(`${DAG_ID}.yaml`));
  // Each pair in one interpreter, interleaved: orchc's DAG is parsed again beside dag-factory's,
  // in dag-factory's venv, so that ratio does not mix two venvs either.
  const [orchcParsed, handWritten] = parse(venvs.airflow, [
    files.orchc,
    files.handWritten,
  ]);
  const [orchcBesideDagFactory, dagFactory] = parse(
    venvs.dagFactory,
    [files.orchc, files.dagFactory],
    { runs: Math.max(3, Math.ceil(runs / 3)) },
  );
  assertSameDag({ orchc: orchcParsed, handWritten, dagFactory });

  const results = [
    row(PARSE_LABELS.orchc, orchcParsed.durations),
    row(PARSE_LABELS.handWritten, handWritten.durations),
    row(PARSE_LABELS.orchcBesideDagFactory, orchcBesideDagFactory.durations),
    row(PARSE_LABELS.dagFactory, dagFactory.durations),
  ];
  // Ratios of the parses that took turns, so a busy spell on the machine (CI shares it) slows
  // both sides of each ratio; the median of those, and the same for CPU seconds beside it.
  const ratios = {
    orchcOverHandWritten: pairedRatio(
      orchcParsed.durations,
      handWritten.durations,
    ),
    orchcOverDagFactory: pairedRatio(
      orchcBesideDagFactory.durations,
      dagFactory.durations,
    ),
    cpu: {
      orchcOverHandWritten: pairedRatio(orchcParsed.cpus, handWritten.cpus),
      orchcOverDagFactory: pairedRatio(
        orchcBesideDagFactory.cpus,
        dagFactory.cpus,
      ),
    },
  };
  return {
    skipped: null,
    version,
    results,
    goals: goals(ratios),
    ratios,
    note: `Airflow DAG parse: the DagBag file duration Airflow records (what \`airflow dags report\` prints), each parse in a child forked after pre-importing the file's airflow imports, as Airflow's DAG processor does; the median of ${runs} parses per file after a warm-up (${Math.max(3, Math.ceil(runs / 3))} beside dag-factory), the files of a comparison taking turns; each ratio is the median of the ratios of parses made in turn, its CPU-seconds counterpart beside it. dag-factory ${DAG_FACTORY_VERSION} runs on the same Airflow through the venv scripts/provision-dag-factory.sh makes.`,
  };
}

function goals(ratios) {
  const goal = (what, wanted, key, met) => {
    const measured = ratios[key];
    if (measured === undefined)
      return {
        what,
        goal: wanted,
        measured: null,
        met: null,
        shown: "not run",
      };
    return {
      what,
      goal: wanted,
      measured,
      met: met(measured),
      shown: `${ratio(measured)} (CPU ${ratio(ratios.cpu[key])})`,
    };
  };
  return [
    goal(
      `Airflow parse, orchc DAG / hand-written, ${AIRFLOW_PARSE_TASKS} tasks`,
      "≤ 1.2×",
      "orchcOverHandWritten",
      (value) => value <= 1.2,
    ),
    goal(
      `Airflow parse, orchc DAG / dag-factory YAML, ${AIRFLOW_PARSE_TASKS} tasks`,
      "< 1× (orchc faster)",
      "orchcOverDagFactory",
      (value) => value < 1,
    ),
  ];
}

function pairedRatio(numerators, denominators) {
  return median(numerators.map((value, index) => value / denominators[index]));
}

function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/** measure()'s row shape, from Airflow's own durations. */
function row(label, durations) {
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    label,
    runs: sorted.length,
    median: sorted[Math.floor(sorted.length / 2)],
    min: sorted[0],
    max: sorted[sorted.length - 1],
    peakRssMiB: null,
  };
}

/**
 * The comparison means nothing unless Airflow saw one DAG three times: the same tasks, edges and
 * commands everywhere, and dag-factory's operators configured as orchc's are.
 */
function assertSameDag(reports) {
  const differs = (key, names) =>
    names.some((name) => reports[name][key] !== reports.orchc[key]);

  if (differs("command_digest", ["handWritten", "dagFactory"]))
    throw new Error(
      `the three DAGs differ in tasks, edges or commands: ${JSON.stringify(Object.fromEntries(Object.entries(reports).map(([name, report]) => [name, report.command_digest])))}`,
    );
  if (differs("settings_digest", ["dagFactory"]))
    throw new Error(
      "dag-factory's tasks are not configured as orchc's (env, exit codes, retries)",
    );
}

/** An AIRFLOW_HOME of its own and none of the caller's Airflow or Python settings (as airflow-env.ts does). */
function hermeticEnv(home) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(AIRFLOW|PYTHON|VIRTUAL_ENV$|_AIRFLOW)/.test(name),
    ),
  );
  return {
    ...env,
    AIRFLOW_HOME: home,
    AIRFLOW__CORE__LOAD_EXAMPLES: "False",
    AIRFLOW__CORE__PLUGINS_FOLDER: join(home, "plugins"),
    AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: `sqlite:///${join(home, "airflow.db")}`,
    // dag-factory reports DAG runs (not parses) to its telemetry endpoint; no network in a bench.
    AIRFLOW__DAG_FACTORY__ENABLE_TELEMETRY: "False",
    PYTHONDONTWRITEBYTECODE: "1",
    NO_COLOR: "1",
  };
}
