export type RunInputProblem = "request" | "secret" | "busy" | "resume" | "store";

/**
 * A problem with what the user asked for (a param, a task name, a secret, a busy pipeline):
 * reported before anything runs, exit 1. `path` points into the pipeline's declaration
 * (`["params", "catalog"]`) so `orchc run` can show the user's line.
 */
export class RunInputError extends Error {
  constructor(
    message: string,
    readonly hint: string | null = null,
    readonly problem: RunInputProblem = "request",
    readonly path: ReadonlyArray<string> = [],
  ) {
    super(message);
    this.name = "RunInputError";
  }
}
