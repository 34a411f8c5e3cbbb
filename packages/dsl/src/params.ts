import type { ParamRef } from "./refs.js";
import type { ParamSpec, SecretSpec } from "./spec.js";

/** What `params()` takes: each param's declaration, by name. */
export type ParamDeclarations = Readonly<Record<string, ParamSpec>>;
/** The TypeScript type of a declared param's value: `number`, `boolean`, an enum's values, or `string`. */
export type ParamValue<S extends ParamSpec> = S extends { type: "number" }
  ? number
  : S extends { type: "boolean" }
    ? boolean
    : S extends { type: "enum"; values: ReadonlyArray<infer V> }
      ? V
      : string;

/** An own property even for `__proto__`, which plain assignment would take as the prototype. */
const defineRef = (refs: Record<string | symbol, unknown>, name: string, ref: unknown): void => {
  Object.defineProperty(refs, name, { value: ref, enumerable: true, writable: false, configurable: false });
};

/** The key under which `params()` and `secrets()` results carry their declarations (a registered symbol, so it is no param name). */
export const DECLARATIONS: unique symbol = Symbol.for("orchc.declarations") as never;

/** The value `params()` returns: one reference per declared param, plus the declarations. */
export type Params<P extends ParamDeclarations> = { readonly [K in keyof P & string]: ParamRef<ParamValue<P[K]>> } & {
  /** The declarations `params()` was given, for `pipeline()`. */
  readonly [DECLARATIONS]: P;
};

/**
 * Declares a pipeline's params: values given per run (Airflow `params`, Databricks job parameters,
 * GitHub Actions `workflow_dispatch` inputs, `orchc run --param`), with defaults per environment.
 * Use the result in `pipeline(…, { params })` and its properties as values; they stay references,
 * so each target writes its own syntax. Naming an undeclared param is a type error.
 *
 * @example
 * ```ts
 * const p = params({ catalog: { type: "string", default: "dev" }, full: { type: "boolean", default: false } });
 * daily.task("load", sh`python load.py --catalog ${p.catalog}`);
 * ```
 */
export function params<const P extends ParamDeclarations>(declarations: P): Params<P> {
  const refs: Record<string | symbol, unknown> = { [DECLARATIONS]: declarations };
  for (const name of Object.keys(declarations)) defineRef(refs, name, { $param: name });
  return refs as Params<P>;
}

/** What `secrets()` takes: each secret's declaration, by name. */
export type SecretDeclarations = Readonly<Record<string, SecretSpec>>;
/** The value `secrets()` returns: one reference per declared secret, plus the declarations. */
export type Secrets<S extends SecretDeclarations> = { readonly [K in keyof S & string]: { readonly $secret: K } } & {
  /** The declarations `secrets()` was given, for `pipeline()`. */
  readonly [DECLARATIONS]: S;
};

/**
 * Declares the secrets a pipeline reads. Values never enter generated files: each target reads
 * them where the task runs (local: an environment variable; GitHub Actions: a repository secret;
 * Airflow: a Variable; Databricks: a secret scope, which is then required).
 *
 * @example
 * ```ts
 * const s = secrets({ apiToken: { env: "API_TOKEN", scope: "etl", key: "api-token" } });
 * const daily = pipeline("daily", { secrets: s });
 * daily.task("pull", sh`./pull.sh`).env({ TOKEN: s.apiToken });
 * ```
 */
export function secrets<const S extends SecretDeclarations>(declarations: S): Secrets<S> {
  const refs: Record<string | symbol, unknown> = { [DECLARATIONS]: declarations };
  for (const name of Object.keys(declarations)) defineRef(refs, name, { $secret: name });
  return refs as Secrets<S>;
}
