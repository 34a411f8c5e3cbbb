import type { PipelineNode } from "@orchc/compiler";
import { YamlScalar } from "../shared/render-yaml.js";
import { GithubExpression, type WorkflowValue } from "./github-string.js";

/** The job that records the run's deadline; a task may not take its id (ORC321). */
export const DEADLINE_JOB = "orchc_deadline";

/**
 * The pipeline timeout GitHub Actions emulates, in seconds, or null. A workflow has no run timeout:
 * only a pipeline whose `targets` ask for it gets the deadline job and the per-task bounds.
 */
export function emulatedTimeout(pipeline: PipelineNode): number | null {
  return pipeline.timeoutSeconds !== null && pipeline.targets?.githubActions?.["pipeline.timeout"] === "emulate" ? pipeline.timeoutSeconds : null;
}

/**
 * First job of the run: the deadline every task job reads, as epoch seconds, with the attempt it
 * was taken in. It runs where the first task runs, so it needs no runner the pipeline does not use.
 */
export function deadlineJob(timeoutSeconds: number, runsOn: WorkflowValue): WorkflowValue {
  return {
    name: "orchc deadline",
    "runs-on": runsOn,
    "timeout-minutes": 5,
    permissions: {},
    outputs: { at: new GithubExpression("steps.deadline.outputs.at"), attempt: new GithubExpression("steps.deadline.outputs.attempt") },
    steps: [
      {
        id: "deadline",
        shell: "bash",
        env: { ORCHC_RUN_ATTEMPT: new GithubExpression("github.run_attempt") },
        run: new YamlScalar(`echo "at=$(( $(date +%s) + ${timeoutSeconds} ))" >> "$GITHUB_OUTPUT"\necho "attempt=\${ORCHC_RUN_ATTEMPT}" >> "$GITHUB_OUTPUT"\n`, { block: true }),
      },
    ],
  };
}

/**
 * A task job's step `deadline`, before anything else it runs: fails the job, not started, once the
 * run's deadline has passed, so a reader of the run tells it from a task that failed. A job of a
 * later attempt (Re-run failed jobs, where GitHub does not run orchc_deadline again) is bounded by
 * the timeout from its own start: the first attempt's deadline would stop every re-run job at once.
 */
export function deadlineStep(timeoutSeconds: number, condition: { readonly if?: WorkflowValue }): WorkflowValue {
  // One line per decision: the step stands in every task job, so its length is paid per task.
  const script = [
    `case "\${ORCHC_DEADLINE}" in ''|*[!0-9]*) echo "::error::the run's deadline is unknown: job ${DEADLINE_JOB} gave none"; exit 1 ;; esac`,
    'orchc_deadline="${ORCHC_DEADLINE}"',
    `if [ "\${ORCHC_DEADLINE_ATTEMPT}" != "\${ORCHC_RUN_ATTEMPT}" ]; then orchc_deadline=$(( $(date +%s) + ${timeoutSeconds} )); echo "::notice::attempt \${ORCHC_RUN_ATTEMPT} re-runs this job: the pipeline's timeout bounds it from its own start"; fi`,
    `if [ "$(date +%s)" -ge "\${orchc_deadline}" ]; then echo "::error::not started: the pipeline's timeout of ${timeoutSeconds}s was reached"; exit 1; fi`,
    'echo "at=${orchc_deadline}" >> "$GITHUB_OUTPUT"',
  ];
  return {
    name: "deadline",
    id: "deadline",
    ...condition,
    shell: "bash",
    env: {
      ORCHC_DEADLINE: new GithubExpression(`needs.${DEADLINE_JOB}.outputs.at`),
      ORCHC_DEADLINE_ATTEMPT: new GithubExpression(`needs.${DEADLINE_JOB}.outputs.attempt`),
      ORCHC_RUN_ATTEMPT: new GithubExpression("github.run_attempt"),
    },
    run: new YamlScalar(`${script.join("\n")}\n`, { block: true }),
  };
}
