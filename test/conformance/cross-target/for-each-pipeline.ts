// One for-each pipeline every engine runs (the local runner, the standalone file, Airflow's
// dag.test(), act), so each proves the same meaning (docs/semantics.md, "For-each tasks"):
// - `fan` runs once per item of `list`'s output: hostile text arrives byte for byte in the command
//   and in env; the item `fail-me` fails both its attempts (retries 1) while the others succeed, so
//   `fan` fails only after all ended and `after_fan` is upstream_failed;
// - `static_fan` runs once per written item, two at once, and `after_static` runs after all;
// - `param_fan` runs once per item of a string param; `empty_fan` over `[]` is skipped.
// Each attempt leaves one file under `<out>/attempts/<task>/` holding its item as the command got it
// (mktemp names: items are not file names), so a test reads which items ran and how often.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const HOSTILE_ITEM = "it's $HOME ${x} `q` {{ ds }} ${{ github.sha }} \\ \"quoted\"\nline two";
export const FAN_ITEMS = ["2026-12-01", HOSTILE_ITEM, "fail-me"] as const;

/** The pipeline's source; `inputs` holds what `writeForEachInputs` writes there. */
export const forEachPipelineSource = (inputs: string) => `import { item, params, pipeline, sh } from "orchc";
const p = params({
  out: { type: "string", default: "/tmp/orchc-for-each" },
  regions: { type: "string", default: '["eu","us"]' },
  none: { type: "string", default: "[]" },
});
const flow = pipeline("for_each", { params: p });
const list = flow.task("list", sh\`cp ${inputs}/parts.json "$ORCHC_OUTPUTS/parts"\`).outputs({ parts: "list" });
const fan = flow
  .task("fan", sh\`bash ${inputs}/record.sh \${p.out} fan \${item} "$ITEM_IN_ENV"\`)
  .env({ ITEM_IN_ENV: item })
  .forEach(list.output.parts, { concurrency: 2 })
  .retries(1);
flow.task("after_fan", sh\`touch \${p.out}/after_fan\`).after(fan);
const fixed = flow.task("static_fan", sh\`bash ${inputs}/record.sh \${p.out} static_fan \${item} \${item}\`).forEach(["a", 2], { concurrency: 2 });
flow.task("after_static", sh\`touch \${p.out}/after_static\`).after(fixed);
flow.task("param_fan", sh\`bash ${inputs}/record.sh \${p.out} param_fan \${item} \${item}\`).forEach(p.regions);
flow.task("empty_fan", sh\`bash ${inputs}/record.sh \${p.out} empty_fan \${item} \${item}\`).forEach(p.none);
export default flow;
`;

/**
 * record.sh OUT TASK ITEM ITEM_AGAIN: leaves one file per attempt holding the item as the command
 * got it, fails when the item reached the env differently, and fails the item `fail-me`.
 */
const RECORD_SH = `d="$1/attempts/$2"; mkdir -p "$d"; f=$(mktemp "$d/XXXXXXXX"); printf '%s' "$3" > "$f"
[ "$3" = "$4" ] || { echo "the item in env differs from the one in the command" >&2; exit 3; }
[ "$3" != fail-me ]
`;

/** Writes the pipeline's inputs (the list `list` outputs, record.sh) into `inputs`. */
export function writeForEachInputs(inputs: string): void {
  mkdirSync(inputs, { recursive: true });
  writeFileSync(join(inputs, "parts.json"), `${JSON.stringify(FAN_ITEMS)}\n`);
  writeFileSync(join(inputs, "record.sh"), RECORD_SH);
}

/** How each task ends, in the words of docs/semantics.md. */
export const FOR_EACH_STATES = {
  list: "success",
  fan: "failed",
  after_fan: "upstream_failed",
  static_fan: "success",
  after_static: "success",
  param_fan: "success",
  empty_fan: "skipped",
} as const;

/** Which items each task's attempts ran, sorted: `fail-me` twice (it is retried once), every other item once. */
export const EXPECTED_ATTEMPTS: Readonly<Record<string, ReadonlyArray<string>>> = {
  fan: [...FAN_ITEMS, "fail-me"].sort(),
  static_fan: ["2", "a"],
  param_fan: ["eu", "us"],
};

/** The items each task's attempts ran, read back from `<out>/attempts`, sorted. */
export function attemptsIn(out: string): Record<string, string[]> {
  const root = join(out, "attempts");
  if (!existsSync(root)) return {};
  return Object.fromEntries(readdirSync(root).map((task) => [task, readdirSync(join(root, task)).map((file) => readFileSync(join(root, task, file), "utf8")).sort()]));
}
