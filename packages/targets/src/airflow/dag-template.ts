// Only the runtime: scripts/build.mjs precompiles dag-template.hbs, the DAG module's layout. The template
// only loops: every item arrives as finished, indented Python source from python-source.ts, so nothing
// in it escapes or decides anything.
import Handlebars from "handlebars/runtime";
import { DAG_TEMPLATE } from "./dag-template.generated.js";

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

export const renderDagModule: (module: DagModule) => string = Handlebars.template(DAG_TEMPLATE);
