// `orchc import control-table`: the Orchestration Manager's rows (seed 000) → pipeline.ts, checked by
// compiling what it wrote: the task set, edges, retries, timeouts and parameters must be the rows'.
import { importControlTable } from "@orchc/importers";
import type { PipelineNode } from "@orchc/compiler";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { repoRoot } from "../e2e/cli-helpers.js";
import { compiledPipelines, expectProblem, taskTable, useImportScratch } from "./import-helpers.js";

const exampleDirectory = join(repoRoot, "examples", "notebook-control-table");
const exampleRows = readFileSync(join(exampleDirectory, "control_table.json"), "utf8");
const seedSample = readFileSync(join(repoRoot, "test", "importers", "fixtures", "seed-000-sample.json"), "utf8");

type Row = Record<string, unknown>;
const row = (name: string, fields: Row = {}): Row => ({
  notebook_name: name,
  notebook_path: `/Workspace/etl/${name}`,
  dependencies: "[]",
  parameters: "{}",
  timeout_per_cell_seconds: 600,
  retry_attempts: 0,
  interval_between_retry_attempt_seconds: 0,
  active: 1,
  process_group: 1,
  ...fields,
});

describe("import control-table: the example's rows", () => {
  const scratch = useImportScratch();

  async function imported(): Promise<PipelineNode[]> {
    const directory = scratch({ "control_table.json": exampleRows });
    const result = await importControlTable({ file: join(directory, "control_table.json"), command: "orchc import control-table control_table.json" });
    expect(result.diagnostics).toEqual([]);
    return compiledPipelines(directory, result.source!);
  }

  it("a pipeline per process group; the inactive row is left out", async () => {
    const pipelines = await imported();
    expect(pipelines.map((pipeline) => [pipeline.id, pipeline.tasks.map((task) => task.id)])).toEqual([
      ["control_table_group_1", ["Notebook3", "Notebook2", "Notebook1"]],
      ["control_table_group_2", ["DailyExport"]],
    ]);
  });

  it("dependencies, retries, retry intervals, timeouts and parameters are the rows' own", async () => {
    const [group1, group2] = await imported();
    const params = (entries: Record<string, string>) => Object.entries(entries).map(([name, value]) => ({ name, value: { kind: "literal", value } }));
    const notebook = (path: string, entries: Record<string, string>) => ({ kind: "notebook", path, params: params(entries), source: "workspace" });
    expect(taskTable(group1!)).toEqual({
      Notebook3: { after: [], retries: 1, delay: 120, timeout: 900, action: notebook("/path/to/notebook3", { param1: "value1" }) },
      Notebook2: { after: ["Notebook3"], retries: 2, delay: 30, timeout: 300, action: notebook("/path/to/notebook2", { param1: "value1", param2: "value2" }) },
      Notebook1: { after: ["Notebook2", "Notebook3"], retries: 3, delay: 60, timeout: 600, action: notebook("/path/to/notebook1", { param1: "value1", param2: "value2" }) },
    });
    // timeout_per_cell_seconds 0 is "no timeout", as dbutils.notebook.run reads it.
    expect(taskTable(group2!)).toEqual({ DailyExport: { after: [], retries: 2, delay: 300, timeout: null, action: notebook("/path/to/daily_export", { format: "parquet" }) } });
    expect(group1!.tasks.every((task) => task.tags.includes("process_group_1"))).toBe(true);
  });

  it("the committed example is exactly what the importer writes, left-out row comment included", async () => {
    const result = await importControlTable({ file: join(exampleDirectory, "control_table.json"), command: "orchc import control-table control_table.json" });
    const committed = readFileSync(join(exampleDirectory, "pipeline.ts"), "utf8");
    expect(result.source).toBe(committed);
    expect(committed).toContain('// Left out: row 4 (`Notebook4`), "/path/to/notebook4", is inactive (active = 0).');
  });

  it("YAML rows import to the same pipelines", async () => {
    const directory = scratch({ "control_table.yaml": stringify(JSON.parse(exampleRows)) });
    const result = await importControlTable({ file: join(directory, "control_table.yaml"), command: "orchc import control-table control_table.yaml" });
    expect(result.diagnostics).toEqual([]);
    const pipelines = await compiledPipelines(directory, result.source!);
    expect(pipelines.map(taskTable)).toEqual((await imported()).map(taskTable));
  });

  it("names that are not ids become ids, and values with quotes, backslashes, newlines and ${…} arrive byte for byte", async () => {
    const hostile = 'it\'s "quoted" \\ back\nslash ${var.x} {{ ds }} */ `tick` 🚀';
    const rows = [
      row("Load Orders (daily)", { parameters: JSON.stringify({ note: hostile, "key with spaces": "x" }), notebook_path: `/Workspace/${hostile}` }),
      row("report", { dependencies: JSON.stringify(["Load Orders (daily)"]) }),
    ];
    const directory = scratch({ "rows.json": JSON.stringify(rows) });
    const result = await importControlTable({ file: join(directory, "rows.json"), command: "orchc import control-table rows.json" });
    expect(result.diagnostics).toEqual([]);
    const [pipeline] = await compiledPipelines(directory, result.source!);
    const table = taskTable(pipeline!);
    expect(Object.keys(table)).toEqual(["Load_Orders_daily", "report"]);
    expect(table.report!.after).toEqual(["Load_Orders_daily"]);
    expect(table.Load_Orders_daily!.action).toEqual({
      kind: "notebook",
      path: `/Workspace/${hostile}`,
      params: [
        { name: "note", value: { kind: "literal", value: hostile } },
        { name: "key with spaces", value: { kind: "literal", value: "x" } },
      ],
      source: "workspace",
    });
    expect(result.source).toContain('notebook_name "Load Orders (daily)"');
  });
});

describe("import control-table: problems are reported at their row and column, and nothing is guessed", () => {
  const scratch = useImportScratch();

  async function problems(text: string, file = "rows.json") {
    const directory = scratch({ [file]: text });
    const result = await importControlTable({ file: join(directory, file), command: `orchc import control-table ${file}` });
    expect(result.source).toBeNull();
    expect(result.diagnostics.length).toBeGreaterThan(0);
    for (const diagnostic of result.diagnostics) expect(diagnostic.location?.file).toBe(join(directory, file));
    return result.diagnostics;
  }

  it("the seed's own sample: both rows depend on Notebook3, which no row names", async () => {
    const diagnostics = await problems(seedSample);
    expect(diagnostics).toHaveLength(2);
    expectProblem(diagnostics, "ORC603", "row 1 (`Notebook1`) depends on `Notebook3`, which no row names", seedSample, '"[\\"Notebook2\\", \\"Notebook3\\"]"');
    expectProblem(diagnostics, "ORC603", "row 2 (`Notebook2`) depends on `Notebook3`, which no row names", seedSample, '"[\\"Notebook3\\"]"');
  });

  it("bad JSON in a string column", async () => {
    const text = JSON.stringify([row("a"), row("b", { parameters: '{"param1": value1}' })], null, 2);
    const diagnostics = await problems(text);
    expectProblem(diagnostics, "ORC602", /^row 2 \(`b`\), column `parameters`: not valid JSON \(/, text, '"{\\"param1\\": value1}"');
  });

  it("negative retries, a wrong type and an unknown column (with a did-you-mean) are each their own error", async () => {
    const text = JSON.stringify([row("a", { retry_attempts: -1 }), row("b", { timeout_per_cell_seconds: "600" }), row("c", { retry_attempt: 2 })], null, 2);
    const diagnostics = await problems(text);
    expect(diagnostics).toHaveLength(3);
    expectProblem(diagnostics, "ORC602", "row 1 (`a`), column `retry_attempts`: expected a whole number of retries, 0 or more; got -1", text, "-1");
    expectProblem(diagnostics, "ORC602", 'row 2 (`b`), column `timeout_per_cell_seconds`: expected a whole number of seconds, 0 or more (0: no timeout); got "600"', text, '"600"');
    expectProblem(diagnostics, "ORC602", "row 3 (`c`) has an unknown column `retry_attempt`", text, '"retry_attempt"');
    expect(diagnostics.find((diagnostic) => diagnostic.message.includes("retry_attempt`"))!.hint).toBe("did you mean `retry_attempts`?");
  });

  it("a missing column, a dependency list that is not a list, and a parameter that is an object", async () => {
    const { notebook_name: _dropped, ...nameless } = row("x");
    const text = JSON.stringify([nameless, row("b", { dependencies: '"a"' }), row("c", { parameters: '{"nested": {"a": 1}}' })], null, 2);
    const diagnostics = await problems(text);
    expectProblem(diagnostics, "ORC602", "row 1 has no `notebook_name`", text, "{");
    expectProblem(diagnostics, "ORC602", 'row 2 (`b`), column `dependencies`: expected a list of notebook names; got "a"', text, '"\\"a\\""');
    expectProblem(diagnostics, "ORC602", 'row 3 (`c`), column `parameters`: parameter `nested` must be text, a number or true/false; got {"a":1}', text, '"{\\"nested');
  });

  it("a dependency on an inactive row or on another process group is reported, not dropped", async () => {
    const text = JSON.stringify(
      [row("old", { active: 0 }), row("a", { dependencies: '["old"]' }), row("other", { process_group: 2 }), row("b", { dependencies: '["other"]' })],
      null,
      2,
    );
    const diagnostics = await problems(text);
    expectProblem(diagnostics, "ORC603", "row 2 (`a`) depends on `old`, which is inactive (row 1)", text, '"[\\"old\\"]"');
    expectProblem(diagnostics, "ORC603", "row 4 (`b`) in process group 1 depends on `other`, which is in process group 2", text, '"[\\"other\\"]"');
  });

  it("a cycle prints its path; a duplicate name points at the second row", async () => {
    const cycle = JSON.stringify([row("a", { dependencies: '["b"]' }), row("b", { dependencies: '["a"]' })], null, 2);
    expectProblem(await problems(cycle), "ORC604", "the dependencies of process group 1 form a cycle: `a` → `b` → `a`", cycle, '"[\\"b\\"]"');
    const duplicate = JSON.stringify([row("a"), row("A")], null, 2);
    expectProblem(await problems(duplicate), "ORC605", "row 2 (`A`) becomes the same task id as row 1 (`a`)", duplicate, '"A"');
  });

  it("YAML problems carry YAML lines; a syntax error and a file that is not a list are errors too", async () => {
    const yamlText = stringify([row("a"), row("b", { retry_attempts: -2 })]);
    expectProblem(await problems(yamlText, "rows.yaml"), "ORC602", /column `retry_attempts`/, yamlText, "-2");
    const broken = '[\n  {"notebook_name": "a",\n  }\n';
    const syntax = await problems(broken);
    expect(syntax[0]!.code).toBe("ORC601");
    expect(syntax[0]!.location!.line).toBeGreaterThan(1);
    expectProblem(await problems('{"rows": []}'), "ORC602", /^a control table is a list of rows/, '{"rows": []}', "{");
  });
});
