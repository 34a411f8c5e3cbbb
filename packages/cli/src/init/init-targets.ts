import { error, didYouMean, type Diagnostic } from "@orchc/compiler/diagnostics";
import { TARGET_NAMES, type TargetName } from "@orchc/targets/names";

/**
 * Without --target, init sets the project up for Airflow, the target most of its users come from;
 * choosing another is one flag, and it asks nothing (init runs in scripts and CI images too).
 */
export const DEFAULT_INIT_TARGETS: ReadonlyArray<TargetName> = ["airflow"];

const isTargetName = (name: string): name is TargetName => (TARGET_NAMES as ReadonlyArray<string>).includes(name);

/**
 * `--target` values (repeatable, comma-separated), in the order given, once each. Not `all`: the
 * starting pipeline must build for each target named, and no task kind runs on both Databricks and
 * GitHub Actions, so those two are refused together.
 */
export function initTargets(given: ReadonlyArray<string> | undefined): { targets: TargetName[]; diagnostics: Diagnostic[] } {
  if (given === undefined || given.length === 0) return { targets: [...DEFAULT_INIT_TARGETS], diagnostics: [] };
  const names = given.flatMap((value) => value.split(",")).map((name) => name.trim());
  const targets = [...new Set(names.filter(isTargetName))];
  const diagnostics = [...new Set(names.filter((name) => !isTargetName(name)))].map((name) => {
    const guess = name === "all" ? "init takes targets by name" : didYouMean(name, TARGET_NAMES);
    return error("ORC303", `unknown target \`${name}\``, { hint: `${guess === undefined ? "" : `${guess}; `}targets: ${TARGET_NAMES.join(", ")}` });
  });
  if (targets.includes("databricks") && targets.includes("github-actions")) {
    diagnostics.push(
      error("ORC702", "orchc init cannot start one pipeline for both databricks and github-actions: no task kind runs on both", {
        hint: "choose one of them here; pipelines for the other belong in a file of their own (`orchc build -t <target> <file>`)",
      }),
    );
  }
  return { targets, diagnostics };
}
