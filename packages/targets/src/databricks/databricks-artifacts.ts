import { error, type ArtifactNode, type Diagnostic, type IR } from "@orchc/compiler";
import type { BundleMap } from "./bundle-value.js";
import { bundleReferenceIn } from "./databricks-interpolation.js";

/** An artifact as databricks.yml's top-level `artifacts.<key>`; its paths are relative to databricks.yml, as the user's are to the project. */
function bundleArtifact(artifact: ArtifactNode): BundleMap {
  return {
    type: artifact.type,
    ...(artifact.build !== null && { build: artifact.build }),
    ...(artifact.path !== null && { path: artifact.path }),
    ...(artifact.files.length > 0 && { files: artifact.files.map((source) => ({ source })) }),
    ...(artifact.dynamicVersion !== null && { dynamic_version: artifact.dynamicVersion }),
  };
}

/** Every pipeline's artifacts, once each: a bundle has one `artifacts` section (checkArtifacts refuses two meanings of one key). */
export function bundleArtifacts(ir: IR): BundleMap {
  const artifacts: BundleMap = {};
  for (const pipeline of ir.pipelines) for (const artifact of pipeline.artifacts) artifacts[artifact.key] ??= bundleArtifact(artifact);
  return artifacts;
}

const textsOf = (artifact: ArtifactNode): Array<[string, string]> => [
  ...(artifact.build !== null ? [["build", artifact.build] as [string, string]] : []),
  ...(artifact.path !== null ? [["path", artifact.path] as [string, string]] : []),
  ...artifact.files.map((source, index): [string, string] => [`files.${index}`, source]),
];

/** One key, one artifact across the bundle; and no text the CLI would read as a `${…}` reference. */
export function checkArtifacts(ir: IR, fileOf: (pipelineId: string) => string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const declared = new Map<string, { pipelineId: string; json: string }>();
  for (const pipeline of ir.pipelines) {
    for (const artifact of pipeline.artifacts) {
      const subject = (...path: Array<string | number>) => ({ file: fileOf(pipeline.id), pipelineId: pipeline.id, path: ["artifacts", artifact.key, ...path] });
      const json = JSON.stringify(bundleArtifact(artifact));
      const first = declared.get(artifact.key);
      if (first === undefined) declared.set(artifact.key, { pipelineId: pipeline.id, json });
      else if (first.json !== json) {
        diagnostics.push(
          error("ORC340", `artifact \`${artifact.key}\` of pipeline \`${pipeline.id}\` differs from the one pipeline \`${first.pipelineId}\` declares under the same key, and a bundle builds each key once`, {
            hint: "declare it alike in both pipelines, or give one of them another key",
            subject: subject(),
          }),
        );
      }
      for (const [field, text] of textsOf(artifact)) {
        const reference = bundleReferenceIn(text);
        if (reference === null) continue;
        diagnostics.push(
          error("ORC301", `artifact \`${artifact.key}\`: \`${field}\` holds \`${reference}\`, which the Databricks CLI reads as a bundle reference (bundles have no escape for it)`, {
            hint: "write the text without `${…}`",
            subject: subject(...field.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part))),
          }),
        );
      }
    }
  }
  return diagnostics;
}
