import { YamlCommented, YamlScalar, YamlShared, type YamlValue } from "../shared/render-yaml.js";

/**
 * An expression orchc itself writes (`inputs.day`, `secrets.API_TOKEN`, `!cancelled() && …`): the
 * only text in a generated workflow that GitHub evaluates. Built from identifiers orchc checked, never
 * from a user's text.
 */
export class GithubExpression {
  constructor(readonly expression: string) {}
}

/**
 * Workflow syntax the user wrote on purpose (`.githubActions({...})`), written as given: it is the
 * escape hatch for GitHub's own expressions, so it is not escaped.
 */
export class GithubSyntax {
  constructor(readonly value: unknown) {}
}

/**
 * A node that stands in many jobs (a pinned checkout, a task script, a job's `if:`): written once
 * with an anchor and aliased after (GitHub reads YAML anchors and aliases since September 2025), so
 * a workflow of 1,000 jobs does not repeat the same lines 1,000 times. Made by `sharedNodes`.
 */
export class GithubShared {
  constructor(
    readonly name: string,
    readonly value: WorkflowValue,
  ) {}
}

/**
 * One instance per distinct node, so equal nodes become one anchor: `share(name, key, make)` returns
 * the instance made for the first call with that name and key, and calls `make` only then. The key
 * must determine the node; callers build it from what the node is made of (cheaper than serialising
 * the node for each of 10,000 jobs).
 */
export function sharedNodes(): (name: string, key: string, make: () => WorkflowValue) => GithubShared {
  const byKey = new Map<string, GithubShared>();
  return (name, key, make) => {
    const fullKey = `${name}\u0000${key}`;
    let shared = byKey.get(fullKey);
    if (shared === undefined) byKey.set(fullKey, (shared = new GithubShared(name, make())));
    return shared;
  };
}

/** What a workflow is built from: plain values (escaped where they land), orchc's expressions, and overrides. */
export type WorkflowValue =
  | string
  | number
  | boolean
  | null
  | YamlScalar
  | YamlCommented
  | GithubExpression
  | GithubSyntax
  | GithubShared
  | ReadonlyArray<WorkflowValue>
  | { readonly [key: string]: WorkflowValue | undefined };

// GitHub's lexer refuses a longer expression ("Exceeded max expression length 21000").
const MAX_EXPRESSION_LENGTH = 21_000;

const stringLiteral = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/**
 * User text as a string literal inside an expression orchc writes (a param's default, which a
 * for-each task's matrix reads on a run with no inputs). Null when too long for one expression
 * (`githubLiteralProblem`, which the target's checks report first).
 */
export function githubLiteral(text: string): string | null {
  const literal = stringLiteral(text);
  return literal.length > MAX_EXPRESSION_LENGTH - 1000 ? null : literal;
}

/** Why `text` cannot be a literal in an expression, or null when it can. */
export function githubLiteralProblem(text: string): string | null {
  return githubLiteral(text) === null ? `it is ${text.length} characters long; a GitHub expression holds at most ${MAX_EXPRESSION_LENGTH}` : null;
}

/**
 * The one escaping function for GitHub's expression syntax. GitHub looks for `${{` in every string of
 * a workflow; a string without it is read as written. A string with it is written as a single string
 * literal expression, `${{ '…' }}` (quotes doubled), which GitHub's parser turns back into the plain
 * string at parse time, in every position: also where no expression is allowed (the workflow's
 * name, a workflow_dispatch input's description, default or options), where `${{ '${{' }}` inside
 * other text would make GitHub reject the file. Null: too long for one expression (see
 * `githubStringProblem`, which the target's checks report first).
 */
export function githubString(text: string): string | null {
  if (!text.includes("${{")) return text;
  const literal = stringLiteral(text);
  return literal.length > MAX_EXPRESSION_LENGTH ? null : `\${{ ${literal} }}`;
}

/** Why `text` cannot be written into a workflow, or null when it can. */
export function githubStringProblem(text: string): string | null {
  return githubString(text) === null
    ? `it holds \`\${{\` and is ${text.length} characters long; GitHub can keep \`\${{\` literal only in a text of at most about ${MAX_EXPRESSION_LENGTH} characters`
    : null;
}

function landed(text: string): string {
  const escaped = githubString(text);
  // The target's checks refuse such text first; reaching here is a bug, not a user mistake.
  if (escaped === null) throw new Error(`github-actions: a ${text.length}-character text holding \`\${{\` reached the workflow unchecked`);
  return escaped;
}

function isPlainObject(value: object): value is { readonly [key: string]: WorkflowValue | undefined } {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The workflow as YAML values: every string, wherever it lands, through `githubString`; orchc's
 * expressions as `${{ … }}`; overrides (keys included) as given. Other keys are orchc's names or
 * checked identifiers, so one holding `${{` is a bug.
 */
export function workflowYaml(value: WorkflowValue): { yaml: YamlValue; placements: ReadonlyMap<YamlShared, number> } {
  const converted: Conversion = { shared: new Map(), placements: new Map() };
  return { yaml: toYaml(value, converted), placements: converted.placements };
}

interface Conversion {
  readonly shared: Map<GithubShared, YamlShared>;
  /** How often each shared node stands in the workflow, for renderYaml. */
  readonly placements: Map<YamlShared, number>;
}

function toYaml(value: WorkflowValue, conversion: Conversion): YamlValue {
  if (typeof value === "string") return landed(value);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof GithubShared) {
    let node = conversion.shared.get(value);
    if (node === undefined) {
      // A shared node's content is converted with a conversion of its own: one nested in it is not a placement.
      const content = toYaml(value.value, { shared: conversion.shared, placements: new Map() });
      if (content instanceof YamlShared) throw new Error("github-actions: a shared node holds another");
      conversion.shared.set(value, (node = new YamlShared(value.name, content)));
    }
    conversion.placements.set(node, (conversion.placements.get(node) ?? 0) + 1);
    return node;
  }
  if (value instanceof GithubExpression) return `\${{ ${value.expression} }}`;
  if (value instanceof GithubSyntax) return value.value as YamlValue;
  if (value instanceof YamlScalar) {
    const escaped = landed(value.value);
    // A literal block is read as one multi-line token, which GitHub parses differently: quoted instead.
    return escaped === value.value ? value : new YamlScalar(escaped, value.options.comment === undefined ? {} : { comment: value.options.comment });
  }
  if (value instanceof YamlCommented) return new YamlCommented(value.comment, toYaml(value.value as WorkflowValue, conversion) as YamlCommented["value"]);
  if (Array.isArray(value)) return value.map((item: WorkflowValue) => toYaml(item, conversion));
  if (!isPlainObject(value)) throw new Error("github-actions: a workflow is built from plain objects");
  const result: { [key: string]: YamlValue | undefined } = {};
  for (const [key, item] of Object.entries(value)) {
    if (key.includes("${{") && !(item instanceof GithubSyntax)) throw new Error(`github-actions: key ${JSON.stringify(key)} holds \`\${{\``);
    if (item !== undefined) result[key] = toYaml(item, conversion);
  }
  return result;
}
