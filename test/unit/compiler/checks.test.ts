import { describe, expect, it } from "vitest";
import { lowerToIR } from "../../../packages/compiler/src/index.js";
import { codesOf, loaded, shellTask } from "./lower-helpers.js";

describe("semantic checks", () => {
  it("accepts a valid pipeline", () => {
    expect(codesOf({ id: "ok", tasks: [shellTask("a"), shellTask("b", { after: ["a"] })] })).toEqual([]);
  });

  it("reports an unknown dependency with a did-you-mean hint", () => {
    const { diagnostics } = lowerToIR(loaded({ id: "p", tasks: [shellTask("ingest_orders"), shellTask("b", { after: ["ingest_order"] })] }), null);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "ORC201", hint: "did you mean `ingest_orders`?", subject: { taskId: "b", value: "ingest_order" } });
  });

  it("prints a cycle's path in execution order", () => {
    const { diagnostics } = lowerToIR(
      loaded({ id: "p", tasks: [shellTask("a", { after: ["c"] }), shellTask("b", { after: ["a"] }), shellTask("c", { after: ["b"] })] }),
      null,
    );
    expect(diagnostics.map((diagnostic) => diagnostic.message)).toEqual(["dependency cycle: a → b → c → a"]);
  });

  it("finds a cycle in a 10,000-deep chain without overflowing the stack", () => {
    const tasks = Array.from({ length: 10_000 }, (_, index) => shellTask(`t${index}`, { after: [`t${(index + 1) % 10_000}`] }));
    expect(codesOf({ id: "deep", tasks })).toEqual(["ORC202"]);
  });

  it.each([
    ["self dependency", { id: "p", tasks: [shellTask("a", { after: ["a"] })] }, ["ORC203"]],
    ["empty pipeline", { id: "p", tasks: [] }, ["ORC204"]],
    ["duplicate task ids ignoring case", { id: "p", tasks: [shellTask("Load"), shellTask("load")] }, ["ORC112"]],
    ["task id with a dot", { id: "p", tasks: [shellTask("load.orders")] }, ["ORC110"]],
    ["pipeline id with a space", { id: "my pipeline", tasks: [shellTask("a")] }, ["ORC110"]],
    ["unknown key (typo)", { id: "p", tasks: [shellTask("a", { retires: { count: 1 } })] }, ["ORC105"]],
    ["bad duration", { id: "p", timeout: "3 hours", tasks: [shellTask("a")] }, ["ORC105"]],
    ["cron with a bad day of week", { id: "p", schedule: { cron: "0 0 * * 8" }, tasks: [shellTask("a")] }, ["ORC120"]],
    ["cron with four fields", { id: "p", schedule: { cron: "0 0 * *" }, tasks: [shellTask("a")] }, ["ORC120"]],
    ["Quartz-only cron", { id: "p", schedule: { cron: "0 0 ? * MON" }, tasks: [shellTask("a")] }, ["ORC120"]],
    ["unknown time zone", { id: "p", schedule: { cron: "@daily", timezone: "Mars/Olympus" }, tasks: [shellTask("a")] }, ["ORC121"]],
    ["unknown param", { id: "p", tasks: [{ id: "a", action: { kind: "shell", command: { $template: ["x ", { $param: "catalog" }] } } }] }, ["ORC130"]],
    ["unknown secret", { id: "p", tasks: [shellTask("a", { env: { TOKEN: { $secret: "token" } } })] }, ["ORC131"]],
    ["unknown compute", { id: "p", tasks: [shellTask("a", { compute: "gpu" })] }, ["ORC132"]],
    [
      "SQL on a cluster",
      { id: "p", compute: { c: { kind: "existingCluster", id: "1" } }, tasks: [{ id: "a", action: { kind: "sql", query: "select 1", warehouse: "c" } }] },
      ["ORC136"],
    ],
    ["enum default outside its values", { id: "p", params: { mode: { type: "enum", values: ["a"], default: "b" } }, tasks: [shellTask("a")] }, ["ORC133"]],
    ["environment sets an undeclared param", { id: "p", environments: { dev: { params: { nope: "x" } } }, tasks: [shellTask("a")] }, ["ORC134"]],
    [
      "two default environments",
      { id: "p", environments: { dev: { default: true }, prod: { default: true } }, tasks: [shellTask("a")] },
      ["ORC135"],
    ],
    ["maxDelay without exponential backoff", { id: "p", tasks: [shellTask("a", { retries: { count: 1, maxDelay: "1m" } })] }, ["ORC138"]],
    ["a param name with a dash", { id: "p", params: { "run-date": { type: "string", default: "" } }, tasks: [shellTask("a")] }, ["ORC110"]],
    ["two secrets read from one variable", { id: "p", secrets: { apiKey: {}, api_key: {} }, tasks: [shellTask("a")] }, ["ORC113"]],
    ["a secret env that is not a variable name", { id: "p", secrets: { token: { env: "FOO; rm -rf /" } }, tasks: [shellTask("a")] }, ["ORC110"]],
    ["an env var name with a space", { id: "p", tasks: [shellTask("a", { env: { "MY VAR": "x" } })] }, ["ORC110"]],
    ["a compute name with a colon", { id: "p", compute: { "big: x": { kind: "runner", runsOn: "x" } }, tasks: [shellTask("a")] }, ["ORC110"]],
    ["a group name with a quote", { id: "p", tasks: [shellTask("a", { group: 'g"]' })] }, ["ORC110"]],
    ["a random (Jenkins H) cron field", { id: "p", schedule: { cron: "H 6 * * *" }, tasks: [shellTask("a")] }, ["ORC120"]],
    ["a day field that lists every day beside a restricted one", { id: "p", schedule: { cron: "0 0 1 * 0-6" }, tasks: [shellTask("a")] }, ["ORC120"]],
    ["a zero timeout", { id: "p", tasks: [shellTask("a", { timeout: 0 })] }, ["ORC122"]],
    ["a sub-second timeout", { id: "p", timeout: "0.4s", tasks: [shellTask("a")] }, ["ORC122"]],
    [
      "an environment changing a compute's kind",
      { id: "p", compute: { wh: { kind: "warehouse", id: "1" } }, environments: { prod: { compute: { wh: { kind: "runner", runsOn: "x" } } } }, tasks: [shellTask("a")] },
      ["ORC136"],
    ],
    ["an override that is not JSON", { id: "p", tasks: [shellTask("a", { overrides: { airflow: { when: new Date(0) } } })] }, ["ORC105"]],
  ])("reports %s", (_name, spec, codes) => {
    expect(codesOf(spec)).toEqual(codes);
  });

  it("reports duplicate pipeline ids across exports, ignoring case", () => {
    expect(codesOf({ id: "p", tasks: [shellTask("a")] }, { id: "p", tasks: [shellTask("b")] })).toEqual(["ORC111"]);
    expect(codesOf({ id: "Daily", tasks: [shellTask("a")] }, { id: "daily", tasks: [shellTask("b")] })).toEqual(["ORC111"]);
  });

  it("accepts month and day names, including those holding L or W", () => {
    expect(codesOf({ id: "p", schedule: { cron: "0 6 1 JUL WED" }, tasks: [shellTask("a")] })).toEqual([]);
    expect(codesOf({ id: "p", schedule: { cron: "0 6 * * sat,sun" }, tasks: [shellTask("a")] })).toEqual([]);
  });

  it("does not suggest a name that shares nothing with the mistake", () => {
    const { diagnostics } = lowerToIR(loaded({ id: "p", tasks: [shellTask("a"), shellTask("b", { after: ["zz"] })] }), null);
    expect(diagnostics[0]?.hint).toBe("declare that task, or remove the dependency");
  });

  it("reports every problem at once", () => {
    const codes = codesOf({ id: "p", schedule: { cron: "bad" }, tasks: [shellTask("a", { after: ["zzz"] }), shellTask("a")] });
    expect(codes.sort()).toEqual(["ORC112", "ORC120", "ORC201"]);
  });

  it("names the cron field that is wrong", () => {
    const { diagnostics } = lowerToIR(loaded({ id: "p", schedule: { cron: "0 25 * * *" }, tasks: [shellTask("a")] }), null);
    expect(diagnostics[0]?.message).toContain("the hour field `25` is invalid");
  });

  it("rejects an environment the pipeline does not declare", () => {
    const { diagnostics } = lowerToIR(loaded({ id: "p", environments: { prod: {} }, tasks: [shellTask("a")] }), "prdo");
    expect(diagnostics[0]).toMatchObject({ code: "ORC137", hint: "did you mean `prod`?" });
  });
});
