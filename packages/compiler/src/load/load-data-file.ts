import { normalizePipelineInput, type PipelineInput } from "@orchc/dsl";
import { LineCounter, parseDocument } from "yaml";
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
  const value: unknown = document.toJS();
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
