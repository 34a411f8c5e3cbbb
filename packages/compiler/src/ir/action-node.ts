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
  | {
      readonly kind: "sparkJar";
      readonly mainClass: string;
      readonly parameters: ReadonlyArray<ValueNode>;
      readonly libraries: ReadonlyArray<LibraryNode>;
    }
  | {
      readonly kind: "dbt";
      readonly commands: ReadonlyArray<ValueNode>;
      /** As written; null: the project itself (workspace source) or the repository's root (git). */
      readonly project: string | null;
      readonly profiles: string | null;
      /** Name of a warehouse compute. */
      readonly warehouse: string | null;
      readonly catalog: string | null;
      readonly schema: string | null;
      readonly source: "workspace" | "git";
      /** The user's, with `dbt-databricks` added when none of them pins it. */
      readonly libraries: ReadonlyArray<LibraryNode>;
    }
  | { readonly kind: "lakeflowPipeline"; readonly pipeline: string; readonly fullRefresh: boolean }
  /** Another pipeline of the build (its id), started and waited for; params by the other pipeline's names. */
  | { readonly kind: "runPipeline"; readonly pipeline: string; readonly params: ReadonlyArray<NamedValueNode> }
  | {
      readonly kind: "sql";
      readonly file: string | null;
      readonly query: string | null;
      /** A saved query, alert or dashboard by id; null with a file or a query. */
      readonly saved: SavedSqlNode | null;
      /** Name of a warehouse compute. */
      readonly warehouse: string;
      readonly params: ReadonlyArray<NamedValueNode>;
    };

export type ActionKind = ActionNode["kind"];

export interface SqlSubscriptionNode {
  readonly kind: "user" | "destination";
  /** A user name, or a notification destination's id. */
  readonly name: string;
}

/** What a sql_task runs besides a file: objects saved in the workspace, by id. */
export type SavedSqlNode =
  | { readonly kind: "query"; readonly id: string }
  | { readonly kind: "alert"; readonly id: string; readonly subscriptions: ReadonlyArray<SqlSubscriptionNode>; readonly pauseSubscriptions: boolean | null }
  | {
      readonly kind: "dashboard";
      readonly id: string;
      readonly subscriptions: ReadonlyArray<SqlSubscriptionNode>;
      readonly customSubject: string | null;
      readonly pauseSubscriptions: boolean | null;
    };
