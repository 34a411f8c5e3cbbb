import * as z from "zod";

export const localOptions = z.strictObject({
  /** Folder, under the output directory, that receives one runner file per pipeline. */
  folder: z
    .string()
    // No line breaks (JavaScript also ends a line at U+2028/U+2029): the folder is named in a `//` comment of the file.
    .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[^\\\x00-\x1f\x7f\u2028\u2029]+$/, "a relative folder inside the output directory")
    .default("local"),
});

export type LocalOptions = z.output<typeof localOptions>;

/** What a shell (and the runner, which passes it on) accepts as a variable name. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Task-level `.local({...})`: how the runner runs the task on this machine. */
export const localTaskOverrides = z.strictObject({
  command: z.string({ error: "must be a string of bash" }).regex(/\S/, "must not be empty").optional(),
  env: z
    .record(
      z.string().regex(ENV_NAME, "is not a valid environment variable name (letters, digits and `_`, not starting with a digit)"),
      z.string({ error: "must be a string (params and secrets go in the task's own `.env()`)" }),
      { error: "must be an object of strings" },
    )
    .optional(),
  workingDir: z.string({ error: "must be a string (a directory relative to where the runner starts)" }).optional(),
});

/** Pipeline-level `.local({...})`: the runner's defaults for this pipeline. */
export const localPipelineOverrides = z.strictObject({
  parallel: z.number({ error: "must be a positive integer" }).int("must be a positive integer").positive("must be a positive integer").optional(),
});

export type LocalTaskOverrides = z.output<typeof localTaskOverrides>;
export type LocalPipelineOverrides = z.output<typeof localPipelineOverrides>;
