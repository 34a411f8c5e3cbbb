/** A library a Databricks task installs; paths as the user wrote them (relative to the project, or a URI). */
export type LibraryNode =
  | { readonly kind: "whl"; readonly path: string }
  | { readonly kind: "jar"; readonly path: string }
  | { readonly kind: "pypi"; readonly package: string; readonly repo: string | null }
  | { readonly kind: "maven"; readonly coordinates: string; readonly repo: string | null; readonly exclusions: ReadonlyArray<string> };

/** What a Databricks bundle builds before it deploys (`artifacts.<key>`). */
export interface ArtifactNode {
  readonly key: string;
  readonly type: "whl" | "jar";
  readonly build: string | null;
  readonly path: string | null;
  readonly files: ReadonlyArray<string>;
  readonly dynamicVersion: boolean | null;
}
