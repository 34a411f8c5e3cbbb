// The real schedule engines, each asked for many (schedule, zone, start) questions in one process:
// Quartz 2.5 (what a Databricks job's quartz_cron_expression means) from scripts/provision-quartz.sh,
// croniter (the library Airflow's cron timetables use) and Airflow 3.3's own timetable, both from the
// Airflow 3.3 venv of provision-airflow.sh.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const quartzHome = readdirSync(`${root}.tools`, { withFileTypes: true }).find((entry) => entry.isDirectory() && entry.name.startsWith("quartz-"))?.name;
const venvPython = `${root}.tools/airflow-3.3/bin/python`;

export interface FireTimesQuestion {
  readonly expression: string;
  readonly zone: string;
  /** ISO instant; the answer lists fire times strictly after it. */
  readonly start: string;
  readonly count: number;
}

export type FireTimesAnswer = { readonly ok: true; readonly times: ReadonlyArray<string> } | { readonly ok: false; readonly error: string };

export function enginesMissingReason(): string | null {
  if (quartzHome === undefined) return "no .tools/quartz-*: run scripts/provision-quartz.sh";
  if (!existsSync(venvPython)) return "no .tools/airflow-3.3: run scripts/provision-airflow.sh";
  return null;
}

function ask(command: string, args: ReadonlyArray<string>, questions: ReadonlyArray<FireTimesQuestion>): FireTimesAnswer[] {
  const input = questions.map((question, index) => [index, question.expression, question.zone, question.start, question.count].join("\t")).join("\n");
  const result = spawnSync(command, args, { input: `${input}\n`, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} exited ${result.status}: ${result.stderr}`);
  const answers = new Array<FireTimesAnswer | undefined>(questions.length);
  for (const line of result.stdout.split("\n")) {
    if (line === "") continue;
    const [index = "", status, text = ""] = line.split("\t");
    answers[Number(index)] = status === "ok" ? { ok: true, times: text === "" ? [] : text.split(",") } : { ok: false, error: text };
  }
  return answers.map((answer, index) => {
    if (answer === undefined) throw new Error(`${command} gave no answer for question ${index}`);
    return answer;
  });
}

/** Quartz's CronExpression.getNextValidTimeAfter, with the expression's time zone set. */
export function quartzFireTimes(questions: ReadonlyArray<FireTimesQuestion>): FireTimesAnswer[] {
  const home = `${root}.tools/${quartzHome}`;
  return ask("java", ["-cp", `${home}/classes:${home}/lib/*`, "orchc.QuartzFireTimes"], questions);
}

/** Airflow 3's CronTriggerTimetable, what a DAG with `schedule="<cron>"` runs on. */
export function airflowFireTimes(questions: ReadonlyArray<FireTimesQuestion>): FireTimesAnswer[] {
  return ask(venvPython, [fileURLToPath(new URL("./fire-times.py", import.meta.url)), "airflow"], questions);
}

/** croniter's get_next from an aware start in the zone. */
export function croniterFireTimes(questions: ReadonlyArray<FireTimesQuestion>): FireTimesAnswer[] {
  return ask(venvPython, [fileURLToPath(new URL("./fire-times.py", import.meta.url)), "croniter"], questions);
}
