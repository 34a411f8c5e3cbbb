import type { ComputeSpec, ValueSpec } from "@orchc/dsl";

/** What an importer found, in the shape the writer turns into a pipeline.ts. Plain data. */
export type ImportedAction =
  | { readonly kind: "notebook"; readonly path: string; readonly params: Readonly<Record<string, ValueSpec>> }
  | { readonly kind: "sql"; readonly file: string; readonly warehouse: string };

export interface ImportedTask {
  readonly id: string;
  readonly action: ImportedAction;
  /** Ids of tasks declared before this one. */
  readonly after: ReadonlyArray<string>;
  readonly retries: { readonly count: number; readonly delaySeconds: number } | null;
  readonly timeoutSeconds: number | null;
  readonly compute: string | null;
  readonly tags: ReadonlyArray<string>;
  /** Where the task came from (a row, a file name), written as a comment above it. */
  readonly origin: string;
}

export interface ImportedCompute {
  readonly name: string;
  readonly spec: ComputeSpec;
  /** Settings of the source that orchc does not carry, said in a comment. */
  readonly leftOut: ReadonlyArray<string>;
}

export interface ImportedPipeline {
  /** The name of the exported constant. */
  readonly exportName: string;
  readonly id: string;
  readonly description: string;
  readonly compute: ReadonlyArray<ImportedCompute>;
  /** In an order where every task comes after the tasks it depends on. */
  readonly tasks: ReadonlyArray<ImportedTask>;
  /** Comments written above the pipeline: rows that were left out, and why. */
  readonly notes: ReadonlyArray<string>;
}

export interface ImportedFile {
  /** The first comment lines: what was imported, from where, with which command. */
  readonly header: ReadonlyArray<string>;
  readonly pipelines: ReadonlyArray<ImportedPipeline>;
}
