import { isPipelineDefinition, normalizePipelineInput, type PipelineInput } from "@orchc/dsl";

function looksLikePlainPipeline(value: unknown): value is PipelineInput {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { id?: unknown; tasks?: unknown };
  return typeof candidate.id === "string" && typeof candidate.tasks === "object" && candidate.tasks !== null;
}

/**
 * The pipelines a module exports, default first, each once even when exported under two names.
 * Builders are branded; a bare object with an `id` and `tasks` counts as the plain-object form.
 */
export function pipelinesInModule(namespace: Record<string, unknown>): Array<{ exportName: string; spec: unknown }> {
  const seen = new Set<unknown>();
  const names = Object.keys(namespace).sort((a, b) => (a === "default" ? -1 : b === "default" ? 1 : 0));
  const found: Array<{ exportName: string; spec: unknown }> = [];
  for (const exportName of names) {
    const value = namespace[exportName];
    if (seen.has(value)) continue;
    if (isPipelineDefinition(value)) found.push({ exportName, spec: value.toSpec() });
    else if (looksLikePlainPipeline(value)) found.push({ exportName, spec: normalizePipelineInput(value) });
    else continue;
    seen.add(value);
  }
  return found;
}
