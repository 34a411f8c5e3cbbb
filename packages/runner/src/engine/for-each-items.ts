import type { ParamValue, PlanForEach } from "../plan.js";
import type { OutputValues } from "../exec/task-script.js";
import { truncate } from "../report/html-escape.js";

/** A value shown in a reason: JSON, so a newline or a control character cannot break the line; long ones cut (inside the quotes). */
export const shownValue = (value: string, max = 60): string => `${truncate(JSON.stringify(value).slice(0, -1), max - 1)}"`;

/** Why a value is not a JSON array of strings, or the strings. */
function parseList(text: string): { items: string[] } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: `${shownValue(text)} is not JSON` };
  }
  if (!Array.isArray(value)) return { problem: `${shownValue(text)} is not a JSON array` };
  const notText = value.findIndex((item) => typeof item !== "string");
  if (notText >= 0) return { problem: `item ${notText} is ${value[notText] === null ? "null" : `a ${Array.isArray(value[notText]) ? "list" : typeof value[notText]}`}, not a string` };
  return { items: value as string[] };
}

/**
 * A for-each task's items, read when it becomes ready: the written list as it is, a param's or an
 * output's value as a JSON array of strings. A problem is a sentence that fails the task before any
 * iteration starts. An item holding NUL is refused too: no process environment can carry it.
 */
export function forEachItems(forEach: PlanForEach, params: Readonly<Record<string, ParamValue>>, outputs: OutputValues): { items: ReadonlyArray<string> } | { problem: string } {
  const source = forEach.items;
  let read: { items: ReadonlyArray<string> } | { problem: string };
  let where: string;
  if ("values" in source) {
    where = "its list";
    read = { items: source.values };
  } else if ("param" in source) {
    where = `its list, param \`${source.param}\`,`;
    const value = params[source.param];
    read = typeof value === "string" ? parseList(value) : { problem: value === undefined ? "has no value in this run" : `is ${JSON.stringify(value)}, not a string` };
  } else {
    where = `its list, output \`${source.output.name}\` of task \`${source.output.task}\`,`;
    const value = outputs.get(source.output.task)?.[source.output.name];
    // Only when the writer is not part of this run (`--only`, `--from`): otherwise it ran first and succeeded.
    if (value === undefined) return { problem: `it runs once per item of output \`${source.output.name}\` of task \`${source.output.task}\`, which this run has no value for: run \`${source.output.task}\` too` };
    read = parseList(value);
  }
  if ("problem" in read) return { problem: `${where} must be a JSON array of strings: ${read.problem}` };
  const withNul = read.items.findIndex((item) => item.includes("\0"));
  if (withNul >= 0) return { problem: `${where} holds a NUL character in item ${withNul}, which no environment variable can carry` };
  return read;
}
