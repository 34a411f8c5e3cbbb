import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { LoadedPipeline } from "../load/loaded-pipeline.js";
import { scanSpec } from "./walk-spec.js";

type Path = ReadonlyArray<string | number>;

interface Found {
  readonly path: Path;
  readonly index: number;
  readonly got: string;
}

/** Every placeholder `sh` left for an interpolation that was not a value, with its path in the raw spec. */
function findPlaceholders(spec: unknown): Found[] {
  const found = scanSpec(spec).placeholders.map(({ path, value }) => ({ path, index: value.$invalidInterpolation.index, got: String(value.$invalidInterpolation.got) }));
  return found.sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));
}

/** A copy of `value` with the node at `path` replaced, sharing every untouched branch. */
function replaceAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [key, ...rest] = path;
  if (Array.isArray(value)) return value.map((item, index) => (index === key ? replaceAt(item, rest, replacement) : item));
  const record = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  // defineProperty keeps a `__proto__` key an own property, as the spec had it.
  for (const [name, item] of Object.entries(record)) {
    Object.defineProperty(copy, name, { value: name === key ? replaceAt(item, rest, replacement) : item, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function declaredNames(spec: unknown, field: "params" | "secrets"): string[] {
  const declared = (spec as Record<string, unknown> | null)?.[field];
  return typeof declared === "object" && declared !== null ? Object.keys(declared) : [];
}

const listed = (names: ReadonlyArray<string>) => names.map((name) => `\`${name}\``).join(", ");

/**
 * ORC140 for each `sh` interpolation that was not a param, secret, string, number or boolean, and
 * the spec with those places emptied, so every other check still runs and reports its own findings.
 */
export function checkInterpolations(loaded: LoadedPipeline): { spec: unknown; diagnostics: Diagnostic[] } {
  const placeholders = findPlaceholders(loaded.spec);
  if (placeholders.length === 0) return { spec: loaded.spec, diagnostics: [] };
  const raw = loaded.spec as { id?: unknown; tasks?: Array<{ id?: unknown }> } | null;
  const pipelineId = typeof raw?.id === "string" ? raw.id : undefined;
  const params = declaredNames(raw, "params");
  const secrets = declaredNames(raw, "secrets");
  const declared = [params.length > 0 ? `params ${listed(params)}` : "", secrets.length > 0 ? `secrets ${listed(secrets)}` : ""].filter(Boolean).join(" and ");
  let spec: unknown = loaded.spec;
  const diagnostics = placeholders.map(({ path, index, got }) => {
    spec = replaceAt(spec, path, "");
    const [first, taskIndex, ...rest] = path;
    const task = first === "tasks" && typeof taskIndex === "number" ? raw?.tasks?.[taskIndex] : undefined;
    const taskId = typeof task?.id === "string" ? task.id : undefined;
    // Inside the task: the value holding the template (`action.command`), then which interpolation.
    const valuePath = (taskId === undefined ? path : rest).slice(0, -2);
    return error("ORC140", `${taskId === undefined ? "" : `task \`${taskId}\`: `}interpolation ${index + 1} of its \`sh\` command is ${got}, not a param, secret, run value, output, item, string, number or boolean`, {
      hint: `a misspelt name? ${declared === "" ? `pipeline \`${pipelineId ?? "?"}\` declares no params or secrets` : `pipeline \`${pipelineId ?? "?"}\` declares ${declared}`}; a task's outputs are those its \`.outputs({...})\` declares`,
      subject: { file: loaded.file, pipelineId, ...(taskId !== undefined && { taskId }), path: [...valuePath, "interpolation", index] },
    });
  });
  return { spec, diagnostics };
}
