// Hostile text passed from one pipeline to another (runPipeline's params): refused with a code, or
// written so that nothing of it comes alive in the caller's files, and on the local runner handed to
// the other pipeline's task byte for byte.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { githubExpressions, liveDatabricksReferences } from "./live-expressions.js";
import { build, errorsOf, loadedOf } from "./spec-build.js";

const HARMLESS = "orchc_harmless";
const PAYLOADS: ReadonlyArray<string> = [
  "${{ github.event.issue.title }} ${{ secrets.TOKEN }} ${{ inputs.p }}",
  "{{ var.value.orchc_canary }} {% if true %}x{% endif %} {{ params.p }}",
  "${var.p} ${bundle.target} {{job.run_id}} {{job.parameters.p}}",
  "$(printf orchc; printf pwned) `id` ${HOME} '\"",
  "'\n- evil: true\nkey: \"value\" # x\n",
];

const child = (task: object) => ({ id: "child", params: { s: { type: "string", default: "d" } }, tasks: [{ id: "t", ...task }] });
const parent = (value: string) => ({ id: "parent", tasks: [{ id: "start", action: { kind: "runPipeline", pipeline: "child", params: { s: value } } }] });
const fileOf = (files: ReadonlyArray<{ path: string; contents: string }>, end: string) => files.find((file) => file.path.endsWith(end))!.contents;

describe("hostile values passed to another pipeline", () => {
  it.each(PAYLOADS)("github-actions: %j makes no expression of the caller's come alive", (payload) => {
    const shell = child({ action: { kind: "shell", command: "true" } });
    const harmless = build("github-actions", loadedOf(shell, parent(HARMLESS)));
    const hostile = build("github-actions", loadedOf(shell, parent(payload)));
    expect(errorsOf(hostile.diagnostics).map((diagnostic) => diagnostic.code).every((code) => code === "ORC320")).toBe(true);
    if (errorsOf(hostile.diagnostics).length > 0) return;
    const text = fileOf(hostile.files, "parent.yml");
    expect(githubExpressions(text)).toEqual(githubExpressions(fileOf(harmless.files, "parent.yml")));
    expect(() => parse(text)).not.toThrow();
  });

  it.each(PAYLOADS)("databricks: %j is refused with a code or adds no live reference", (payload) => {
    const notebook = child({ action: { kind: "notebook", path: "/N" }, compute: "sl" });
    const withCompute = { ...notebook, compute: { sl: { kind: "serverless" } } };
    const harmless = build("databricks", loadedOf(withCompute, parent(HARMLESS)));
    expect(errorsOf(harmless.diagnostics)).toEqual([]);
    const hostile = build("databricks", loadedOf(withCompute, parent(payload)));
    if (errorsOf(hostile.diagnostics).length > 0) {
      // A bundle reference (`${…}`, ORC301) or Jobs' double braces (ORC330): neither has an escape there.
      for (const diagnostic of errorsOf(hostile.diagnostics)) expect(["ORC301", "ORC330"]).toContain(diagnostic.code);
      return;
    }
    expect(liveDatabricksReferences(parse(fileOf(hostile.files, "parent.job.yml")))).toEqual(liveDatabricksReferences(parse(fileOf(harmless.files, "parent.job.yml"))));
  });

  describe("local: the other pipeline's task gets the text byte for byte", () => {
    const folder = mkdtempSync(join(tmpdir(), "orchc-run-pipeline-values-"));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));
    it.each(PAYLOADS.map((payload, index) => [index, payload] as const))("payload %i", (index, payload) => {
      const writer = child({ action: { kind: "shell", command: { $template: ["printf '%s' ", { $param: "s" }, ` > out${index}.txt`] } } });
      const result = build("local", loadedOf(writer, parent(payload)));
      expect(errorsOf(result.diagnostics)).toEqual([]);
      mkdirSync(join(folder, "local"), { recursive: true });
      for (const file of result.files) writeFileSync(join(folder, file.path), file.contents);
      const run = spawnSync(process.execPath, ["local/parent.mjs"], { cwd: folder, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(readFileSync(join(folder, `out${index}.txt`), "utf8")).toBe(payload);
    });
  });
});
