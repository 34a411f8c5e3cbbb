import { normalizePipelineInput, type PipelineInput } from "@orchc/dsl";
import { isAlias, LineCounter, parseDocument, visit, type Document } from "yaml";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";

/** A JSON or YAML pipeline file (JSON is read by the YAML parser too, which reports positions). */
/** JSON.parse is strict where YAML is lenient (comments, unquoted strings, trailing commas). */
function jsonProblem(file: string, text: string): Diagnostic | null {
  try {
    JSON.parse(text);
    return null;
  } catch (failure) {
    const message = (failure as Error).message;
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    const before = text.slice(0, offset).split("\n");
    return error("ORC101", `cannot parse JSON: ${message.replace(/ in JSON at position \d+.*$/, "")}`, {
      location: { file, line: before.length, column: before[before.length - 1]!.length + 1 },
    });
  }
}

/** The yaml library's own measure of alias expansion; a pipeline never comes near it. */
const MAX_ALIAS_COUNT = 100;

function firstAliasOffset(document: Document): number | undefined {
  let offset: number | undefined;
  visit(document, {
    Alias(_key, node) {
      offset = isAlias(node) ? node.range?.[0] : undefined;
      return visit.BREAK;
    },
  });
  return offset;
}

export function loadDataFile(file: string, text: string): { spec: unknown; diagnostics: Diagnostic[] } {
  if (file.toLowerCase().endsWith(".json")) {
    const problem = jsonProblem(file, text);
    if (problem) return { spec: null, diagnostics: [problem] };
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      spec: null,
      diagnostics: document.errors.map((problem) => {
        const position = lineCounter.linePos(problem.pos[0]);
        return error("ORC101", `cannot parse ${file.endsWith(".json") ? "JSON" : "YAML"}: ${problem.message.split("\n")[0]}`, {
          location: { file, line: position.line, column: position.col },
        });
      }),
    };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (failure) {
    // The yaml library stops alias expansion that grows without bound (a "billion laughs" file) by throwing.
    if (!(failure instanceof ReferenceError)) throw failure;
    const alias = firstAliasOffset(document);
    const position = lineCounter.linePos(alias ?? 0);
    return {
      spec: null,
      diagnostics: [
        error("ORC107", `the YAML aliases in this file expand too far (${failure.message.toLowerCase()})`, {
          hint: "write the repeated parts out, or use fewer nested aliases (`*name`)",
          location: { file, line: position.line, column: position.col },
        }),
      ],
    };
  }
  const tasks = (value as { tasks?: unknown } | null)?.tasks;
  if (typeof value !== "object" || value === null || Array.isArray(value) || typeof tasks !== "object" || tasks === null) {
    return { spec: value, diagnostics: [] };
  }
  try {
    return { spec: normalizePipelineInput(value as PipelineInput), diagnostics: [] };
  } catch (failure) {
    const taskId = /task `([^`]*)`/.exec((failure as Error).message)?.[1];
    return {
      spec: null,
      diagnostics: [error("ORC105", (failure as Error).message, { hint: "remove the inner `id`: the key names the task", subject: { file, path: ["tasks", taskId ?? ""], value: "id" } })],
    };
  }
}
