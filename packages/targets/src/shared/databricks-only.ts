import type { DatabricksReferenceNode } from "@orchc/compiler";

/**
 * Databricks' own references (`databricksRef`, `databricksValue`) mean something only in a bundle:
 * every other target refuses them in its capability check (`value.databricksReference`), before it
 * writes a file, so reaching one while writing is a bug.
 */
export function refusedBeforeWriting(reference: DatabricksReferenceNode): never {
  throw new Error(`internal: the Databricks reference \`${reference.path}\` reached a target that refuses it`);
}
