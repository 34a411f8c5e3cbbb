export interface ParamNode {
  readonly name: string;
  readonly type: "string" | "number" | "boolean" | "enum";
  /** Null when the param has no default (it must then be given at run time). */
  readonly default: string | number | boolean | null;
  readonly values: ReadonlyArray<string> | null;
  readonly description: string | null;
}
