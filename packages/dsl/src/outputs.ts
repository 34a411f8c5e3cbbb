import type { OutputType } from "./spec.js";

/**
 * The variable a reading task's process gets an output in, on every target that runs a shell.
 *
 * @example
 * ```ts
 * outputEnvName("count-rows", "rows") // "ORCHC_OUTPUT_count_rows_rows"
 * ```
 */
export const outputEnvName = (task: string, name: string): string => `ORCHC_OUTPUT_${task.replace(/-/g, "_")}_${name}`;

/** The folder a writing task puts its outputs in, one file each, on every target that runs a shell. */
export const OUTPUTS_DIR_ENV = "ORCHC_OUTPUTS";

/** The variable an iteration of a for-each task gets its item in, on every target that runs a shell. */
export const ITEM_ENV = "ORCHC_ITEM";

/** The most an output may hold, in bytes: GitHub keeps at most 1 MB of a job's outputs. */
export const OUTPUT_MAX_BYTES = 1_000_000;

/**
 * What a task wrote for one output, as every target reads it: the file's text without its trailing
 * newlines (as `$(cat file)` gives it), which must fit the declared type. A problem is a sentence
 * saying what is wrong, and the attempt fails with it.
 *
 * @example
 * ```ts
 * readOutput("number", new TextEncoder().encode("42\n")) // { value: "42" }
 * ```
 */
export function readOutput(type: OutputType, bytes: Uint8Array): { value: string } | { problem: string } {
  if (bytes.length > OUTPUT_MAX_BYTES) return { problem: `holds ${bytes.length} bytes, more than the ${OUTPUT_MAX_BYTES} an output may` };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { problem: "is not UTF-8 text" };
  }
  if (text.includes("\0")) return { problem: "holds a NUL byte, which no environment variable can" };
  const value = text.replace(/\n+$/, "");
  const problem = typeProblem(type, value);
  return problem === null ? { value } : { problem };
}

const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

function typeProblem(type: OutputType, value: string): string | null {
  switch (type) {
    case "string":
      return null;
    case "number":
      return NUMBER.test(value) ? null : `is declared a number, but holds \`${value.slice(0, 40)}\``;
    case "boolean":
      return value === "true" || value === "false" ? null : `is declared a boolean (true or false), but holds \`${value.slice(0, 40)}\``;
    case "list":
      try {
        return Array.isArray(JSON.parse(value)) ? null : "is declared a list, but is not a JSON array";
      } catch {
        return "is declared a list, but is not a JSON array";
      }
  }
}
