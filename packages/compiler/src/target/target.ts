import type { TargetKey } from "@orchc/dsl";
import type { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { IR } from "../ir/ir.js";
import type { GeneratedFile } from "../output/generated-file.js";
import type { Capabilities } from "./capabilities.js";

export interface EmitContext<Options> {
  readonly options: Options;
  readonly orchcVersion: string;
}

/**
 * A target: a pure function from the IR to files, plus the table of what it can express.
 * `check` reports value-dependent limits the capability table cannot (a cron a dialect rejects).
 */
export interface Target<Options = unknown> {
  readonly name: string;
  readonly description: string;
  readonly capabilities: Capabilities;
  /** Its key in a pipeline's `targets` (and overrides); null for a target every pipeline is built for (`ir`). */
  readonly key: TargetKey | null;
  readonly options: z.ZodType<Options>;
  /** Directories (relative to the output directory) where this target's files live. */
  readonly outputDirectories: (options: Options) => ReadonlyArray<string>;
  /** `fileOf` gives the absolute path of the file that declared a pipeline, for diagnostics' subjects. */
  readonly check?: (args: { ir: IR; options: Options; fileOf: (pipelineId: string) => string }) => Diagnostic[];
  readonly emit: (ir: IR, context: EmitContext<Options>) => GeneratedFile[];
}

/** A target of any options type, as the registry and the compiler hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- options are checked by each target's own schema
export type AnyTarget = Target<any>;
