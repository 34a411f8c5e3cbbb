import { FEATURES, type AnyTarget, type Capability, type PipelineNode } from "@orchc/compiler";
import { targets } from "@orchc/targets";

type Unsupported = Extract<Capability, { supported: false }>;

/** A table cell: yes, no, or no with what a pipeline may allow instead (`no/drop`, `no/emulate,drop`). */
function cell(capability: Capability): string {
  if (capability.supported) return "yes";
  const choices = (["emulate", "drop"] as const).filter((choice) => capability.allow?.[choice] !== undefined);
  return choices.length === 0 ? "no" : `no/${choices.join(",")}`;
}

function allowanceLines(target: AnyTarget, feature: string, capability: Unsupported): string[] {
  return (["emulate", "drop"] as const).flatMap((choice) => {
    const effect = capability.allow?.[choice];
    return effect === undefined ? [] : [`      ${choice} with \`targets: { ${target.key}: { "${feature}": "${choice}" } }\`: ${effect}`];
  });
}

/** Where each pipeline is built, and what it lets each target drop or emulate. */
function pipelineLines(pipelines: ReadonlyArray<PipelineNode>): string[] {
  const all = Object.values(targets).filter((target) => target.key !== null);
  return pipelines.map((pipeline) => {
    if (pipeline.targets === null) return `  ${pipeline.id}: every target (it names none in \`targets\`), nothing dropped or emulated`;
    const built = all.filter((target) => pipeline.targets?.[target.key!] !== undefined).map((target) => {
      const allowed = Object.entries(pipeline.targets?.[target.key!] ?? {}).map(([feature, choice]) => `${choice === "drop" ? "drops" : "emulates"} ${feature}`);
      return allowed.length === 0 ? target.name : `${target.name} (${allowed.join(", ")})`;
    });
    return `  ${pipeline.id}: ${built.length === 0 ? "no target but ir" : built.join(", ")}`;
  });
}

/**
 * The capability table: one row per feature, one column per target; what a pipeline may let a
 * target drop or emulate; and, given pipeline files, where each of their pipelines is built.
 */
export async function targetsCommand(files: ReadonlyArray<string>, options: { json?: boolean }): Promise<number> {
  const all = Object.values(targets);
  const pipelines = files.length === 0 ? [] : await loadedPipelines(files);
  if (pipelines === null) return 1;
  if (options.json) {
    const table = Object.fromEntries(all.map((target) => [target.name, { description: target.description, key: target.key, capabilities: target.capabilities }]));
    const declared = Object.fromEntries(pipelines.map((pipeline) => [pipeline.id, pipeline.targets]));
    process.stdout.write(`${JSON.stringify(files.length === 0 ? table : { targets: table, pipelines: declared }, null, 2)}\n`);
    return 0;
  }
  const lines = all.map((target) => `${target.name.padEnd(16)} ${target.description}`);
  const width = Math.max(...FEATURES.map((feature) => feature.length));
  const columns = all.map((target) => Math.max(target.name.length, ...FEATURES.map((feature) => cell(target.capabilities[feature]).length)));
  lines.push("", `${"feature".padEnd(width)}  ${all.map((target, index) => target.name.padEnd(columns[index]!)).join(" ")}`);
  for (const feature of FEATURES) lines.push(`${feature.padEnd(width)}  ${all.map((target, index) => cell(target.capabilities[feature]).padEnd(columns[index]!)).join(" ")}`.trimEnd());
  const gaps = all.flatMap((target) =>
    FEATURES.flatMap((feature) => {
      const capability = target.capabilities[feature];
      if (capability.supported) return [];
      return [`  ${target.name} ${feature}: ${capability.reason} (way out: ${capability.wayOut})`, ...allowanceLines(target, feature, capability)];
    }),
  );
  if (gaps.length > 0) lines.push("", "not supported (no/drop, no/emulate: a pipeline's `targets` may let the target drop or emulate it):", ...gaps);
  if (pipelines.length > 0) lines.push("", "pipelines (`-t all` builds each for these, and ir):", ...pipelineLines(pipelines));
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

async function loadedPipelines(files: ReadonlyArray<string>): Promise<PipelineNode[] | null> {
  const [{ loadPipelines, lowerToIR }, { reportDiagnostics }, { pipelineFiles }] = await Promise.all([
    import("@orchc/compiler"),
    import("../report-diagnostics.js"),
    import("./pipeline-files.js"),
  ]);
  const { loaded, diagnostics } = await loadPipelines(pipelineFiles(files));
  const lowered = lowerToIR(loaded, null);
  if (await reportDiagnostics([...diagnostics, ...lowered.diagnostics], { json: false })) return null;
  return [...(lowered.ir?.pipelines ?? [])];
}
