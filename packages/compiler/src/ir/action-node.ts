import type { LibraryNode } from "./library-node.js";
import type { NamedValueNode, ValueNode } from "./value-node.js";

export type ActionNode =
  | { readonly kind: "shell"; readonly command: ValueNode }
  | { readonly kind: "python"; readonly script: string; readonly args: ReadonlyArray<ValueNode> }
  | {
      readonly kind: "notebook";
      readonly path: string;
      readonly params: ReadonlyArray<NamedValueNode>;
      readonly source: "workspace" | "git";
    }
  | { readonly kind: "sparkPython"; readonly file: string; readonly args: ReadonlyArray<ValueNode> }
  | {
      readonly kind: "pythonWheel";
      readonly package: string;
      readonly entryPoint: string;
      /** At most one of the two is non-empty. */
      readonly parameters: ReadonlyArray<ValueNode>;
      readonly namedParameters: ReadonlyArray<NamedValueNode>;
      readonly libraries: ReadonlyArray<LibraryNode>;
    }
  | { readonly kind: "lakeflowPipeline"; readonly pipeline: string; readonly fullRefresh: boolean }
  | {
      readonly kind: "sql";
      readonly file: string | null;
      readonly query: string | null;
      /** Name of a warehouse compute. */
      readonly warehouse: string;
      readonly params: ReadonlyArray<NamedValueNode>;
    };

export type ActionKind = ActionNode["kind"];
