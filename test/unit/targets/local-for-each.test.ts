// The local target writes a for-each task into the runner's plan: the list as the runner reads it
// when the task becomes ready, and `item` as a value part the runner fills from ORCHC_ITEM.
import { describe, expect, it } from "vitest";
import { item, params, pipeline, sh } from "../../../packages/dsl/src/index.js";
import { localPlanFor } from "../../../packages/targets/src/index.js";
import { buildLocal, irOf } from "./local-helpers.js";

const p = params({ regions: { type: "string", default: '["eu","us"]' } });

function forEachPipeline() {
  const daily = pipeline("daily", { params: p });
  const list = daily.task("list", sh`./list.sh > "$ORCHC_OUTPUTS/parts"`).outputs({ parts: "list" });
  daily.task("load", sh`./load.sh --partition ${item}`).env({ PART: item }).forEach(list.output.parts, { concurrency: 4 }).retries(2);
  daily.task("export", sh`./export.sh ${item}`).forEach(["eu", 7]);
  daily.task("backfill", sh`./backfill.sh ${item}`).forEach(p.regions);
  return daily;
}

describe("localPlanFor: for-each tasks", () => {
  const tasks = Object.fromEntries(localPlanFor(irOf(forEachPipeline())).tasks.map((task) => [task.id, task]));

  it("writes the list and the concurrency of each source (numbers as their text, concurrency 1 by default)", () => {
    expect(tasks.load?.forEach).toEqual({ items: { output: { task: "list", name: "parts" } }, concurrency: 4 });
    expect(tasks.export?.forEach).toEqual({ items: { values: ["eu", "7"] }, concurrency: 1 });
    expect(tasks.backfill?.forEach).toEqual({ items: { param: "regions" }, concurrency: 1 });
    expect(tasks.list?.forEach).toBeUndefined();
    expect(tasks.load?.dependsOn).toEqual(["list"]);
  });

  it("expands `item` quoted from ORCHC_ITEM in the command, and keeps it a part of env values", () => {
    expect(tasks.load?.script).toBe('./load.sh --partition "${ORCHC_ITEM}"');
    expect(tasks.load?.env).toEqual([{ name: "PART", value: [{ item: true }] }]);
  });

  it("builds without a diagnostic", () => {
    expect(buildLocal(forEachPipeline()).diagnostics).toEqual([]);
  });
});
