/** How a format writes a comment, so the header can be placed inside the file. */
export type FileFormat = "python" | "yaml" | "json" | "javascript" | "shell" | "markdown";

/** One file a target produces: a path under the output directory and its body (no header yet). */
export interface GeneratedFile {
  /** Relative to the output directory, `/`-separated. */
  readonly path: string;
  readonly format: FileFormat;
  readonly contents: string;
  /** Ids of the pipelines the file was generated from (the header names their source files). */
  readonly pipelineIds: ReadonlyArray<string>;
}
