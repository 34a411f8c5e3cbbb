/**
 * Libraries a Databricks task installs, and the artifacts a bundle builds for them. Field names are
 * the bundle schema's (`compute.Library`, `config.Artifact`), so a reader of either recognises them.
 */

/** One library: a wheel or JAR by path (relative to the project, or a workspace, volume or cloud URI), a PyPI package, or Maven coordinates. */
export type LibrarySpec =
  | { readonly whl: string }
  | { readonly jar: string }
  | { readonly pypi: { readonly package: string; readonly repo?: string } }
  | { readonly maven: { readonly coordinates: string; readonly repo?: string; readonly exclusions?: ReadonlyArray<string> } };

/** What `databricks bundle deploy` builds before it uploads (`artifacts.<key>` of databricks.yml). */
export interface ArtifactSpec {
  /** A Python wheel or a JAR. */
  readonly type: "whl" | "jar";
  /**
   * Command run locally to build it.
   *
   * @example
   * ```ts
   * "uv build --wheel"
   * ```
   */
  readonly build?: string;
  /** Folder it is built in, relative to the project. */
  readonly path?: string;
  /** The built files, when not the default (`dist/*.whl` of a wheel). */
  readonly files?: ReadonlyArray<{ readonly source: string }>;
  /** Patch the wheel's version with its build time, so a cluster reinstalls a rebuilt wheel. */
  readonly dynamicVersion?: boolean;
}
