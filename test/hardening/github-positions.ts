// One pipeline with hostile text in every string position the GitHub Actions target can write:
// names, descriptions, params (default, description, enum values), env values and the text parts of
// templated ones, shell command text (whole, and the parts around a param), python script and args,
// working directory, runner labels. Shared by the hardening property test and the conformance
// suite, which lints a sample of the same workflows with actionlint and zizmor.
import type { LoadedPipeline } from "@orchc/compiler";
import fc from "fast-check";
import { testSeed } from "../test-seed.js";
import { hostileString } from "./hostile-corpus.js";

export interface GithubTexts {
  readonly name: string;
  readonly description: string;
  readonly namePrefix: string;
  readonly paramDefault: string;
  readonly paramDescription: string;
  readonly choices: ReadonlyArray<string>;
  readonly secretDescription: string;
  readonly labels: ReadonlyArray<string>;
  readonly taskDescription: string;
  readonly commandParts: readonly [string, string];
  readonly command: string;
  readonly workingDir: string;
  readonly literalEnv: string;
  readonly templateParts: readonly [string, string, string];
  readonly script: string;
  readonly args: readonly [string, string];
}

/** Fixed by default so CI never fails by chance; printed in each test's name, replayed with the variable. */
export const GITHUB_POSITIONS_SEED = testSeed("GITHUB_POSITIONS_SEED");

export const githubTexts: fc.Arbitrary<GithubTexts> = fc.record({
  name: hostileString,
  description: hostileString,
  namePrefix: hostileString,
  paramDefault: hostileString,
  paramDescription: hostileString,
  choices: fc.uniqueArray(hostileString, { minLength: 1, maxLength: 3 }),
  secretDescription: hostileString,
  labels: fc.array(hostileString, { minLength: 1, maxLength: 2 }),
  taskDescription: hostileString,
  commandParts: fc.tuple(hostileString, hostileString),
  command: hostileString,
  workingDir: hostileString,
  literalEnv: hostileString,
  templateParts: fc.tuple(hostileString, hostileString, hostileString),
  script: hostileString,
  args: fc.tuple(hostileString, hostileString),
});

/** The secret value the tests stand in for GitHub's `secrets.TOKEN`. */
export const SECRET_VALUE = "secret value of TOKEN";

export function githubSpecOf(t: GithubTexts, environment: "prod" | null = null): LoadedPipeline[] {
  const spec = {
    id: "positions",
    name: t.name,
    description: t.description,
    params: {
      p: { type: "string", default: t.paramDefault, description: t.paramDescription },
      choice: { type: "enum", values: [...t.choices], default: t.choices[0] },
    },
    secrets: { token: { description: t.secretDescription, env: "TOKEN", key: "token" } },
    compute: { box: { kind: "runner", runsOn: t.labels.length === 1 ? t.labels[0] : [...t.labels] } },
    maxConcurrentRuns: 1,
    ...(environment !== null && { environments: { prod: { namePrefix: t.namePrefix } } }),
    tasks: [
      {
        id: "t",
        description: t.taskDescription,
        action: { kind: "shell", command: { $template: [t.commandParts[0], { $param: "p" }, t.commandParts[1]] } },
        workingDir: t.workingDir,
        compute: "box",
      },
      { id: "literal", action: { kind: "shell", command: t.command }, after: ["t"] },
      {
        id: "py",
        action: { kind: "python", script: t.script, args: [t.args[0], { $template: [t.args[1], { $param: "choice" }] }] },
        env: {
          LITERAL: t.literalEnv,
          MIXED: { $template: [t.templateParts[0], { $param: "p" }, t.templateParts[1], { $secret: "token" }, t.templateParts[2]] },
        },
        after: ["t"],
        optional: true,
      },
    ],
  };
  return [{ file: "/project/pipeline.json", projectRoot: "/project", exportName: "default", spec }];
}
