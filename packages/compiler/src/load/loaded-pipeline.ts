/** A pipeline value found in a user's file, before any checking. */
export interface LoadedPipeline {
  /** Absolute path of the file that declared it. */
  readonly file: string;
  /** The project root the generated headers name paths relative to. */
  readonly projectRoot: string;
  readonly exportName: string;
  /** The raw spec (builder `toSpec()` output, or parsed JSON/YAML): unchecked. */
  readonly spec: unknown;
}
