// Class: environment-name collisions. A task's env may not take a name orchc sets itself
// (`ORCHC_COMMAND` is the command a GitHub step executes; `ORCHC_PARAM_x` carries a param) nor the
// name a secret is read from: either would give the task a different value on each target. Both
// are refused before any target runs, located at the `.env({...})` entry.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { build, buildFile, errorsOf, loadedOf, TARGET_NAMES, useSourceProjects } from "./spec-build.js";

const project = useSourceProjects();

const SOURCE = `import { params, pipeline, secrets, sh } from "orchc";

const p = params({ label: { type: "string", default: "echo hi" } });
const s = secrets({ token: { scope: "etl", key: "token" } });
const daily = pipeline("daily", { params: p, secrets: s });

daily.task("report", sh\`echo \${p.label}\`).env({ ORCHC_COMMAND: p.label });
daily.task("param_env", sh\`echo\`).env({
  ORCHC_PARAM_label: "x",
});
daily.task("secret_env", sh\`echo\`).env({ TOKEN: "not the secret" });
daily.task("lower_case", sh\`echo\`).env({ orchc_run_id: "1" });

export default daily;
`;

const specWith = (task: Record<string, unknown>, secrets: Record<string, unknown> = { token: { scope: "etl", key: "token" } }) => ({
  id: "daily",
  params: { label: { type: "string", default: "echo hi" } },
  secrets,
  tasks: [{ id: "t", action: { kind: "shell", command: "echo" }, ...task }],
});

describe("environment-name collisions", () => {
  it.each(TARGET_NAMES)("%s: orchc's own names and secrets' names are refused at the .env call", async (target) => {
    const directory = project({ "pipeline.ts": SOURCE });
    const { errors, where } = await buildFile(join(directory, "pipeline.ts"), target);
    expect(where).toEqual(["ORC114 7:49", "ORC114 9:3", "ORC113 11:42", "ORC114 12:42"]);
    expect(errors[0]!.message).toContain("ORCHC_COMMAND");
    expect(errors[2]!.message).toContain("secret `token`");
  });

  it.each(TARGET_NAMES)("%s: a secret read from an orchc name, or two secrets sharing one, are refused", (target) => {
    const reserved = build(target, loadedOf(specWith({}, { orchcCommand: { scope: "etl", key: "k" } })));
    expect(errorsOf(reserved.diagnostics).map((diagnostic) => diagnostic.code)).toEqual(["ORC114"]);
    const explicit = build(target, loadedOf(specWith({}, { a: { scope: "etl", key: "k", env: "ORCHC_PLAN" } })));
    expect(errorsOf(explicit.diagnostics).map((diagnostic) => diagnostic.code)).toEqual(["ORC114"]);
    const shared = build(target, loadedOf(specWith({}, { a: { scope: "etl", key: "a", env: "TOKEN" }, b: { scope: "etl", key: "b", env: "token" } })));
    expect(errorsOf(shared.diagnostics).map((diagnostic) => diagnostic.code)).toEqual(["ORC113"]);
  });

  it.each(TARGET_NAMES)("%s: names bash reads as it starts (BASH_ENV, BASH_FUNC_*, …) are refused, so a trigger-time value cannot become code", (target) => {
    for (const name of ["BASH_ENV", "ENV", "SHELLOPTS", "BASHOPTS", "CDPATH", "BASH_FUNC_x%%", "bash_env"]) {
      const result = build(target, loadedOf(specWith({ env: { [name]: { $param: "label" } } })));
      const codes = errorsOf(result.diagnostics).map((diagnostic) => diagnostic.code);
      // `%` is not a variable name at all: refused as one first.
      expect(codes, name).toEqual(name.includes("%") ? ["ORC110", "ORC114"] : ["ORC114"]);
    }
  });

  it.each(TARGET_NAMES)("%s: a task env with its own name, or restating a secret under its own name, still builds", (target) => {
    const result = build(target, loadedOf(specWith({ action: { kind: "python", script: "x.py" }, env: { LABEL: { $param: "label" }, TOKEN: { $secret: "token" } } })));
    expect(errorsOf(result.diagnostics).filter((diagnostic) => diagnostic.code !== "ORC301")).toEqual([]);
  });
});
