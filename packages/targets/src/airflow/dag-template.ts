import Handlebars from "handlebars";

/**
 * The DAG module's layout. Only loops: every item arrives as finished, indented Python source
 * from python-source.ts, so nothing here escapes or decides anything.
 */
const TEMPLATE = `from __future__ import annotations
{{#each importGroups}}

{{#each this}}
{{{this}}}
{{/each}}
{{/each}}
{{#each helpers}}


{{{this}}}

{{/each}}

with DAG(
{{#each dagArguments}}
{{{this}}}
{{/each}}
) as dag:
{{#each statements}}
{{{this}}}
{{/each}}
{{#if edges.length}}

{{#each edges}}
{{{this}}}
{{/each}}
{{/if}}
`;

export interface DagModule {
  /** Import lines, grouped (standard library, then third party); groups are separated by a blank line. */
  readonly importGroups: ReadonlyArray<ReadonlyArray<string>>;
  /** Module-level functions, each finished source without a final newline. */
  readonly helpers: ReadonlyArray<string>;
  /** `    name=value,` lines. */
  readonly dagArguments: ReadonlyArray<string>;
  /** Indented statements of the DAG body (task groups, then tasks). */
  readonly statements: ReadonlyArray<string>;
  /** `    upstream >> downstream` lines. */
  readonly edges: ReadonlyArray<string>;
}

export const renderDagModule: (module: DagModule) => string = Handlebars.compile(TEMPLATE, { noEscape: true, strict: true });
