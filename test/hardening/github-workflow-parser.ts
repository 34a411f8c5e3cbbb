// A generated workflow as GitHub reads it: parsed by @actions/workflow-parser, the parser of GitHub's
// own language services (a port of the one GitHub runs workflows with). It reports what GitHub would
// refuse ("A template expression is not allowed in this context", an unclosed `${{`…), turns a
// string-literal expression back into its text as GitHub does, and keeps every other expression as
// an expression. No look-alike of GitHub's rules: the parser is the judge.
import { isBasicExpression, isBoolean, isMapping, isNumber, isSequence, isString, NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";

type TemplateToken = NonNullable<ReturnType<typeof parseWorkflow>["value"]>;

export type GithubValue = string | number | boolean | null | { readonly expression: string } | GithubValue[] | { [key: string]: GithubValue };

export interface ParsedWorkflow {
  /** GitHub's parse errors: a workflow it would refuse to run. */
  readonly errors: string[];
  /** The workflow as values: strings as GitHub reads them, expressions as `{ expression }`. */
  readonly value: GithubValue;
  /** Every expression GitHub would evaluate, in document order. */
  readonly expressions: string[];
}

export function parseGithubWorkflow(contents: string): ParsedWorkflow {
  const result = parseWorkflow({ name: "workflow.yml", content: contents }, new NoOperationTraceWriter());
  const expressions: string[] = [];
  const read = (token: TemplateToken): GithubValue => {
    if (isString(token)) return token.value;
    if (isNumber(token)) return token.value;
    if (isBoolean(token)) return token.value;
    if (isBasicExpression(token)) {
      expressions.push(token.expression);
      return { expression: token.expression };
    }
    if (isSequence(token)) return Array.from({ length: token.count }, (_, index) => read(token.get(index)));
    if (isMapping(token)) {
      const map: { [key: string]: GithubValue } = {};
      for (let index = 0; index < token.count; index++) {
        const { key, value } = token.get(index);
        if (!isString(key)) throw new Error(`a key GitHub reads as an expression: ${key.toDisplayString()}`);
        map[key.value] = read(value);
      }
      return map;
    }
    return null;
  };
  const errors = result.context.errors.getErrors().map((error) => error.message);
  return { errors, value: result.value === undefined ? null : read(result.value), expressions };
}
