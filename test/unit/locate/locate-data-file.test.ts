import { afterAll, describe, expect, it } from "vitest";
import { locate, removeSourceFiles, sourceFile } from "./locate-fixtures.js";

afterAll(removeSourceFiles);

describe("JSON with keyed tasks", () => {
  const file = sourceFile(
    "nightly.json",
    `{
  "id": "nightly",
  "schedule": { "cron": "0 6 * * 8" },
  "environments": { "dev": { "params": { "catalog": "x" } } },
  "tasks": {
    "extract": { "action": { "kind": "notebook", "path": "gen.py", "params": { "catalog": "main" } } },
    "load": { "action": { "kind": "shell", "command": "./load.sh" }, "after": ["extract", "nope"], "retries": { "count": 2 } }
  }
}
`,
  );
  const pipelineId = "nightly";

  it("points at the pipeline id and a task's key", async () => {
    expect(await locate(file, { pipelineId })).toBe("2:9");
    expect(await locate(file, { pipelineId, taskId: "load" })).toBe("7:5");
  });

  it("points at an unknown dependency", async () => {
    expect(await locate(file, { pipelineId, taskId: "load", path: ["after"], value: "nope" })).toBe("7:91");
  });

  it("walks paths inside the pipeline and the task", async () => {
    expect(await locate(file, { pipelineId, taskId: "load", path: ["retries"] })).toBe("7:100");
    expect(await locate(file, { pipelineId, path: ["schedule", "cron"], value: "0 6 * * 8" })).toBe("3:25");
    expect(await locate(file, { pipelineId, path: ["environments", "dev", "params", "catalog"], value: "catalog" })).toBe("4:42");
    expect(await locate(file, { pipelineId, taskId: "extract", path: ["action", "params", "catalog"] })).toBe("6:80");
  });

  it("reads a numeric segment on the keyed map as its n-th entry", async () => {
    expect(await locate(file, { pipelineId, path: ["tasks", 1] })).toBe("7:5");
    expect(await locate(file, { pipelineId, path: ["tasks", 1, "after", 1] })).toBe("7:91");
    expect(await locate(file, { pipelineId, path: ["tasks", 0, "action", "kind"] })).toBe("6:30");
  });

  it("falls back to the pipeline for an unknown task, and to the file start for another pipeline", async () => {
    expect(await locate(file, { pipelineId, taskId: "no_such_task", path: ["after"], value: "nope" })).toBe("2:9");
    expect(await locate(file, { pipelineId, taskId: "load", path: ["timeout"] })).toBe("7:5");
    expect(await locate(file, { pipelineId: "other" })).toBe("1:1");
  });

  it("reads JSON indented with tabs", async () => {
    const tabbed = sourceFile("tabbed.json", `{\n\t"id": "tabbed",\n\t"tasks": {\n\t\t"a": { "action": { "kind": "shell", "command": "x" }, "after": ["b"] }\n\t}\n}\n`);
    expect(await locate(tabbed, { pipelineId: "tabbed", taskId: "a", path: ["after"], value: "b" })).toBe("4:67");
  });
});

describe("YAML with a task list", () => {
  const file = sourceFile(
    "nightly.yaml",
    `id: nightly
schedule:
  cron: "0 6 * * 8"
environments:
  dev:
    params:
      catalog: x
tasks:
  - id: extract
    action: { kind: notebook, path: gen.py, params: { catalog: main } }
  - id: load
    action:
      kind: shell
      command: ./load.sh
    after: [extract, nope]
    retries:
      count: 2
`,
  );
  const pipelineId = "nightly";

  it("points at the pipeline id and a task's id", async () => {
    expect(await locate(file, { pipelineId })).toBe("1:5");
    expect(await locate(file, { pipelineId, taskId: "load" })).toBe("11:9");
  });

  it("points at an unknown dependency", async () => {
    expect(await locate(file, { pipelineId, taskId: "load", path: ["after"], value: "nope" })).toBe("15:22");
  });

  it("walks paths inside the pipeline and the task", async () => {
    expect(await locate(file, { pipelineId, taskId: "load", path: ["retries"] })).toBe("16:5");
    expect(await locate(file, { pipelineId, taskId: "load", path: ["retries", "count"] })).toBe("17:7");
    expect(await locate(file, { pipelineId, path: ["schedule", "cron"], value: "0 6 * * 8" })).toBe("3:9");
    expect(await locate(file, { pipelineId, path: ["environments", "dev", "params", "catalog"], value: "catalog" })).toBe("7:7");
    expect(await locate(file, { pipelineId, taskId: "extract", path: ["action", "params", "catalog"] })).toBe("10:55");
  });

  it("walks ['tasks', n] from the pipeline", async () => {
    expect(await locate(file, { pipelineId, path: ["tasks", 1, "after", 1] })).toBe("15:22");
  });

  it("falls back outward", async () => {
    expect(await locate(file, { pipelineId, taskId: "no_such_task" })).toBe("1:5");
    expect(await locate(file, { pipelineId: "other" })).toBe("1:1");
  });

  it("still points into a file with a syntax error further down", async () => {
    const broken = sourceFile("broken.yml", `id: broken\ntasks:\n  a:\n    after: [b]\n  bad: [unclosed\n`);
    expect(await locate(broken, { pipelineId: "broken", taskId: "a", path: ["after"], value: "b" })).toBe("4:13");
  });
});
