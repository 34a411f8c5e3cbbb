import { afterAll, describe, expect, it } from "vitest";
import { locate, removeSourceFiles, sourceFile } from "./locate-fixtures.js";

afterAll(removeSourceFiles);

describe("builder pipelines", () => {
  const file = sourceFile(
    "daily.ts",
    `import { pipeline, params, cron, sh, notebook } from "orchc";

const p = params({ catalog: { type: "string", default: "dev" } });
const daily = pipeline("olist_daily", {
  schedule: cron("0 6 * * 8", { timezone: "UTC" }),
  params: p,
  environments: { dev: { params: { catalog: "x" } } },
});
const gen = daily.task("generate_data", notebook("src/gen.py", { catalog: p.catalog })).retries(1, { delay: "60s" });
daily.task("report", sh\`python r.py\`).after(gen, "missing_task").optional();
gen.timeout("1h");
export default daily;
`,
  );
  const pipelineId = "olist_daily";

  it("points at the pipeline id", async () => {
    expect(await locate(file, { pipelineId })).toBe("4:24");
    expect(await locate(file, { pipelineId, value: pipelineId })).toBe("4:24");
  });

  it("points at a task id", async () => {
    expect(await locate(file, { pipelineId, taskId: "generate_data" })).toBe("9:24");
  });

  it("points at an unknown dependency named in after()", async () => {
    expect(await locate(file, { pipelineId, taskId: "report", path: ["after"], value: "missing_task" })).toBe("10:50");
  });

  it("points at the handle that names a task, and at after()'s first argument when nothing matches", async () => {
    expect(await locate(file, { pipelineId, taskId: "report", path: ["after"], value: "generate_data" })).toBe("10:45");
    expect(await locate(file, { pipelineId, taskId: "report", path: ["after"], value: "not_there" })).toBe("10:45");
  });

  it("points at the argument of a method in the task's chain", async () => {
    expect(await locate(file, { pipelineId, taskId: "generate_data", path: ["retries"] })).toBe("9:97");
    expect(await locate(file, { pipelineId, taskId: "generate_data", path: ["retries", "delay"] })).toBe("9:102");
    expect(await locate(file, { pipelineId, taskId: "report", path: ["optional"] })).toBe("10:66");
  });

  it("follows a handle to methods called on it in later statements", async () => {
    expect(await locate(file, { pipelineId, taskId: "generate_data", path: ["timeout"] })).toBe("11:13");
  });

  it("lands on cron()'s expression for schedule.cron", async () => {
    expect(await locate(file, { pipelineId, path: ["schedule", "cron"], value: "0 6 * * 8" })).toBe("5:18");
    expect(await locate(file, { pipelineId, path: ["schedule", "timezone"] })).toBe("5:33");
  });

  it("walks the options object to an environment's param", async () => {
    expect(await locate(file, { pipelineId, path: ["environments", "dev", "params", "catalog"], value: "catalog" })).toBe("7:36");
  });

  it("descends into the action call's arguments", async () => {
    expect(await locate(file, { pipelineId, taskId: "generate_data", path: ["action", "params", "catalog"] })).toBe("9:66");
    expect(await locate(file, { pipelineId, taskId: "generate_data", path: ["action", "path"] })).toBe("9:50");
  });

  it("follows `params: p` to the declarations", async () => {
    expect(await locate(file, { pipelineId, path: ["params", "catalog", "default"] })).toBe("3:47");
  });

  it("reads ['tasks', n] as the n-th declared task", async () => {
    expect(await locate(file, { pipelineId, path: ["tasks", 1] })).toBe("10:12");
    expect(await locate(file, { pipelineId, path: ["tasks", 1, "after", 1] })).toBe("10:50");
  });

  it("falls back outward when the task, path or pipeline is not found", async () => {
    expect(await locate(file, { pipelineId, taskId: "no_such_task", path: ["after"], value: "missing_task" })).toBe("4:24");
    expect(await locate(file, { pipelineId, taskId: "report", path: ["compute"] })).toBe("10:12");
    expect(await locate(file, { pipelineId, path: ["environments", "prod", "params"] })).toBe("7:3");
    expect(await locate(file, { pipelineId: "no_such_pipeline", taskId: "report" })).toBe("1:1");
  });
});

describe("definePipeline with keyed tasks", () => {
  const file = sourceFile(
    "nightly.ts",
    `import { definePipeline } from "orchc";

export default definePipeline({
  id: "nightly",
  schedule: { cron: "0 6 * * 8" },
  environments: { dev: { params: { catalog: "x" } } },
  tasks: {
    extract: { action: { kind: "notebook", path: "gen.py", params: { catalog: "main" } } },
    load: { action: { kind: "shell", command: "./load.sh" }, after: ["extract", "nope"], retries: { count: 2 } },
  },
});
`,
  );
  const pipelineId = "nightly";

  it("points at the pipeline id and at a task's key", async () => {
    expect(await locate(file, { pipelineId })).toBe("4:7");
    expect(await locate(file, { pipelineId, taskId: "load" })).toBe("9:5");
  });

  it("points at an unknown dependency", async () => {
    expect(await locate(file, { pipelineId, taskId: "load", path: ["after"], value: "nope" })).toBe("9:81");
  });

  it("walks paths inside the pipeline and the task", async () => {
    expect(await locate(file, { pipelineId, taskId: "load", path: ["retries"] })).toBe("9:90");
    expect(await locate(file, { pipelineId, path: ["schedule", "cron"], value: "0 6 * * 8" })).toBe("5:21");
    expect(await locate(file, { pipelineId, path: ["environments", "dev", "params", "catalog"], value: "catalog" })).toBe("6:36");
    expect(await locate(file, { pipelineId, taskId: "extract", path: ["action", "params", "catalog"] })).toBe("8:70");
  });

  it("reads a numeric segment on the keyed map as its n-th entry", async () => {
    expect(await locate(file, { pipelineId, path: ["tasks", 1, "after", 1] })).toBe("9:81");
  });

  it("falls back to the pipeline for an unknown task, and to the file start for an unknown pipeline", async () => {
    expect(await locate(file, { pipelineId, taskId: "no_such_task", path: ["retries"] })).toBe("4:7");
    expect(await locate(file, { pipelineId: "no_such_pipeline" })).toBe("1:1");
  });
});

describe("definePipeline with a task list", () => {
  const file = sourceFile(
    "nightly.ts",
    `import { definePipeline } from "orchc";

export const nightly = definePipeline({
  id: "nightly",
  tasks: [
    { id: "extract", action: { kind: "shell", command: "./extract.sh" } },
    { id: "load", action: { kind: "python", script: "load.py" }, after: ["nope"], retries: { count: 2 } },
  ],
});
`,
  );
  const pipelineId = "nightly";

  it("points at the pipeline id and a task's id", async () => {
    expect(await locate(file, { pipelineId })).toBe("4:7");
    expect(await locate(file, { pipelineId, taskId: "load" })).toBe("7:11");
  });

  it("points at an unknown dependency and at task fields", async () => {
    expect(await locate(file, { pipelineId, taskId: "load", path: ["after"], value: "nope" })).toBe("7:74");
    expect(await locate(file, { pipelineId, taskId: "load", path: ["retries"] })).toBe("7:83");
    expect(await locate(file, { pipelineId, taskId: "load", path: ["action", "script"] })).toBe("7:45");
  });

  it("walks ['tasks', n] from the pipeline", async () => {
    expect(await locate(file, { pipelineId, path: ["tasks", 1, "after", 0] })).toBe("7:74");
  });

  it("falls back outward", async () => {
    expect(await locate(file, { pipelineId, taskId: "no_such_task" })).toBe("4:7");
    expect(await locate(file, { pipelineId: "other" })).toBe("1:1");
  });
});

describe("a bare exported object", () => {
  const file = sourceFile(
    "bare.ts",
    `import type { PipelineInput } from "orchc";

const shared = { retries: { count: 1 } };

export default {
  id: "bare",
  tasks: { only: { ...shared, action: { kind: "shell", command: "true" } } },
} satisfies PipelineInput;
`,
  );

  it("is found by its id and walks spreads", async () => {
    expect(await locate(file, { pipelineId: "bare", taskId: "only" })).toBe("7:12");
    expect(await locate(file, { pipelineId: "bare", taskId: "only", path: ["retries", "count"] })).toBe("3:29");
  });
});

describe("several pipelines in one file", () => {
  const file = sourceFile(
    "two.ts",
    `import { pipeline, sh } from "orchc";

export const a = pipeline("alpha");
export const b = pipeline("beta");
a.task("same", sh\`true\`);
b.task("same", sh\`false\`).after("ghost");
`,
  );

  it("keeps each pipeline's tasks apart", async () => {
    expect(await locate(file, { pipelineId: "alpha", taskId: "same" })).toBe("5:8");
    expect(await locate(file, { pipelineId: "beta", taskId: "same" })).toBe("6:8");
    expect(await locate(file, { pipelineId: "beta", taskId: "same", path: ["after"], value: "ghost" })).toBe("6:33");
    expect(await locate(file, { pipelineId: "alpha", taskId: "same", path: ["after"], value: "ghost" })).toBe("5:8");
  });
});

describe("references inside actions", () => {
  const file = sourceFile(
    "refs.ts",
    `import { pipeline, secrets, sh } from "orchc";
const s = secrets({ token: {} });
const p = pipeline("refs", { secrets: s });
p.task("push", sh\`curl -H \${s.tokn} x\`).env({ TOKEN: s.tokn });
export default p;
`,
  );

  it("points at the reference's name in a template and in env()", async () => {
    expect(await locate(file, { pipelineId: "refs", taskId: "push", path: ["action", "command"], value: "tokn" })).toBe("4:31");
    expect(await locate(file, { pipelineId: "refs", taskId: "push", path: ["env", "TOKEN"], value: "tokn" })).toBe("4:56");
  });
});
