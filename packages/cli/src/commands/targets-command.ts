import { FEATURES } from "@orchc/compiler";
import { targets } from "@orchc/targets";

/** The capability table: one row per feature, one column per target. */
export function targetsCommand(options: { json?: boolean }): number {
  const all = Object.values(targets);
  if (options.json) {
    const table = Object.fromEntries(all.map((target) => [target.name, { description: target.description, capabilities: target.capabilities }]));
    process.stdout.write(`${JSON.stringify(table, null, 2)}\n`);
    return 0;
  }
  const lines = all.map((target) => `${target.name.padEnd(16)} ${target.description}`);
  const width = Math.max(...FEATURES.map((feature) => feature.length));
  lines.push("", `${"feature".padEnd(width)}  ${all.map((target) => target.name.padEnd(8)).join(" ")}`);
  for (const feature of FEATURES) {
    const cells = all.map((target) => (target.capabilities[feature].supported ? "yes" : "no").padEnd(Math.max(8, target.name.length)));
    lines.push(`${feature.padEnd(width)}  ${cells.join(" ")}`);
  }
  const gaps = all.flatMap((target) =>
    FEATURES.flatMap((feature) => {
      const capability = target.capabilities[feature];
      return capability.supported ? [] : [`  ${target.name} ${feature}: ${capability.reason} (way out: ${capability.wayOut})`];
    }),
  );
  if (gaps.length > 0) lines.push("", "not supported:", ...gaps);
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}
