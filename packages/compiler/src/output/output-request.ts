import type { BuildInvocation } from "./build-invocation.js";

/** A generated file with its header already in place, exactly as it should be on disk. */
export interface RenderedFile {
  /** Relative to the output directory, `/`-separated. */
  readonly path: string;
  readonly text: string;
}

/** What one target wants the output directory to look like; shared by `orchc build` and `orchc build --check`. */
export interface OutputRequest {
  readonly outDir: string;
  readonly files: ReadonlyArray<RenderedFile>;
  /**
   * Directories (relative to `outDir`) swept for stale files even when nothing is written there now,
   * so deleting a target's last pipeline in a directory still clears its old output.
   */
  readonly ownedDirectories: ReadonlyArray<string>;
  readonly target: string;
  /** Project-relative sources of this build: only files generated from a subset of them count as stale. */
  readonly sources: ReadonlyArray<string>;
  /** False for a build of selected tasks: files of the pipelines it leaves out are kept (default true). */
  readonly sweepStale?: boolean;
  /** How the build was called, for hints that print the command to run; absent: `orchc build -t <target>`. */
  readonly invocation?: BuildInvocation;
}
