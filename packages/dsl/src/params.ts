import type { ParamRef } from "./refs.js";
import type { ParamSpec, SecretSpec } from "./spec.js";

export type ParamDeclarations = Readonly<Record<string, ParamSpec>>;
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

export const DECLARATIONS: unique symbol = Symbol.for("orchc.declarations") as never;

/** The value `params()` returns: one reference per declared param, plus the declarations. */
export type Params<P extends ParamDeclarations> = { readonly [K in keyof P & string]: ParamRef<ParamValue<P[K]>> } & {
  readonly [DECLARATIONS]: P;
};

/**
 * Declares a pipeline's params. Use the result in `pipeline(…, { params })` and its properties as
 * values: `sh\`run --catalog ${p.catalog}\``. Naming an undeclared param is a type error.
 */
export function params<const P extends ParamDeclarations>(declarations: P): Params<P> {
  const refs: Record<string | symbol, unknown> = { [DECLARATIONS]: declarations };
  for (const name of Object.keys(declarations)) defineRef(refs, name, { $param: name });
  return refs as Params<P>;
}

export type SecretDeclarations = Readonly<Record<string, SecretSpec>>;
export type Secrets<S extends SecretDeclarations> = { readonly [K in keyof S & string]: { readonly $secret: K } } & {
  readonly [DECLARATIONS]: S;
};

/**
 * Declares the secrets a pipeline reads. Values never enter generated files: each target reads
 * them where the pipeline runs (an environment variable, a Databricks secret scope, …).
 */
export function secrets<const S extends SecretDeclarations>(declarations: S): Secrets<S> {
  const refs: Record<string | symbol, unknown> = { [DECLARATIONS]: declarations };
  for (const name of Object.keys(declarations)) defineRef(refs, name, { $secret: name });
  return refs as Secrets<S>;
}
