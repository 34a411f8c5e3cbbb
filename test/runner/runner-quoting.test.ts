import { readdirSync } from "node:fs";
import { describe, it } from "vitest";
import type { PlanValuePart } from "../../packages/runner/src/plan.js";
import { eventsOf, makePlan, outputOf, useSandboxes, type ParamSpec, type TaskSpec } from "./runner-harness.js";

const sandbox = useSandboxes();

/** Values a shell would mangle or execute if they were ever pasted into code unquoted. */
const HOSTILE: Readonly<Record<string, string>> = {
  single: "it's 'single' ''",
  double: 'say "hi" ""',
  home: "$HOME ${HOME} $0 $1 $@ $$",
  backticks: "`touch pwned_backticks`",
  command: "$(touch pwned_command)$(id)",
  semicolon: "x; touch pwned_semicolon;",
  and: "x && touch pwned_and || touch pwned_or",
  pipe: "| tee pwned_pipe > pwned_redirect",
  backslash: "back\\slash \\n \\\\ \\",
  newline: "line one\nline two\n",
  tab: "a\tb\t",
  unicode: "héllo wörld ✓ 日本語 Ω ﬁ",
  emoji: "🚀 👩‍👩‍👧 🏳️‍🌈",
  dash: "-n",
  options: "--help -rf /",
  empty: "",
  glob: "* ? [a-z] ~",
  percent: "%s %d %% %n",
  equals: "a=b==c",
  spaces: "  padded  ",
  braces: "{a,b} ${x:-y} $((1+1))",
  history: "!! !$ ^a^b",
};

const NAMES = Object.keys(HOSTILE);

/** Each param written byte for byte to out/<name>, and an env value of text, the param and text to combo/<name>. */
function quotingPlan(id: string, defaults: Readonly<Record<string, string>>) {
  const params: Record<string, ParamSpec> = {};
  const tasks: Record<string, TaskSpec> = {};
  for (const name of NAMES) {
    params[name] = { type: "string", default: defaults[name]! };
    const combo: PlanValuePart[] = [{ text: PREFIX }, { param: name }, { text: SUFFIX }];
    tasks[`write_${name}`] = {
      script: `mkdir -p out combo; printf '%s' "$ORCHC_PARAM_${name}" > out/${name}; printf '%s' "$COMBO" > combo/${name}`,
      env: { COMBO: combo },
    };
  }
  return makePlan(id, tasks, { params });
}

/** Hostile text parts around the param in a task's env value. */
const PREFIX = "pre '\"$HOME`id`;$(id)\\ ";
const SUFFIX = " ;post\n$PATH'";

/** Files the hostile values would have created had any of them run as code. */
const pwned = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((name) => name.includes("pwned"));

describe.concurrent("hostile param values reach the task byte for byte", () => {
  it("as defaults", async ({ expect }) => {
    const box = sandbox(quotingPlan("quoting_defaults", HOSTILE));
    const result = await box.run(["--parallel", "4"]);
    expect(result.code, outputOf(result)).toBe(0);
    for (const name of NAMES) {
      expect({ name, value: box.readBytes(`out/${name}`).toString("utf8") }).toEqual({ name, value: HOSTILE[name] });
      expect({ name, value: box.read(`combo/${name}`) }).toEqual({ name, value: PREFIX + HOSTILE[name] + SUFFIX });
    }
    expect(pwned(box.dir)).toEqual([]);
    expect(eventsOf(box.events(), "run_started")[0]!.params).toEqual(HOSTILE);
  });

  it("given with --param (each param gets another one's value, so no default leaks through)", async ({ expect }) => {
    const given = Object.fromEntries(NAMES.map((name, index) => [name, HOSTILE[NAMES[(index + 1) % NAMES.length]!]!]));
    const box = sandbox(quotingPlan("quoting_given", Object.fromEntries(NAMES.map((name) => [name, "default"]))));
    const result = await box.run(["--parallel", "4", ...NAMES.flatMap((name) => ["--param", `${name}=${given[name]}`])]);
    expect(result.code, outputOf(result)).toBe(0);
    for (const name of NAMES) {
      expect({ name, value: box.readBytes(`out/${name}`).toString("utf8") }).toEqual({ name, value: given[name] });
      expect({ name, value: box.read(`combo/${name}`) }).toEqual({ name, value: PREFIX + given[name] + SUFFIX });
    }
    expect(pwned(box.dir)).toEqual([]);
    expect(eventsOf(box.events(), "run_started")[0]!.params).toEqual(given);
  });

  it("enum values, numbers and booleans too", async ({ expect }) => {
    const box = sandbox(
      makePlan(
        "quoting_typed",
        { write: 'printf \'%s|%s|%s\' "$ORCHC_PARAM_choice" "$ORCHC_PARAM_count" "$ORCHC_PARAM_flag" > typed' },
        { params: { choice: { type: "enum", values: ["it's a b", "$(touch pwned_enum)"], default: "it's a b" }, count: { type: "number", default: 1.5 }, flag: { type: "boolean", default: true } } },
      ),
    );
    const defaults = await box.run();
    expect(defaults.code, outputOf(defaults)).toBe(0);
    expect(box.read("typed")).toBe("it's a b|1.5|true");
    const given = await box.run(["--param", "choice=$(touch pwned_enum)", "--param", "count=-2e3", "--param", "flag=false"]);
    expect(given.code, outputOf(given)).toBe(0);
    expect(box.read("typed")).toBe("$(touch pwned_enum)|-2000|false");
    expect(pwned(box.dir)).toEqual([]);
  });
});
