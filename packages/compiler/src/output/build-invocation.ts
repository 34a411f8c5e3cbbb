import { shellQuote } from "@orchc/dsl";

/** How `orchc build` was called for this output, so a hint can print a command that runs as printed. */
export interface BuildInvocation {
  /** The pipeline files as the user named them (none: the default `pipeline.ts`). */
  readonly files: ReadonlyArray<string>;
  /** The other arguments that shape the output (`--out`, `--set`, `--select` …), without `-t`, `-e` and `--check`. */
  readonly options: ReadonlyArray<string>;
  /** The `-e` the user passed; null when none was (the pipelines' default environments apply). */
  readonly environment: string | null;
}

/** `orchc build <files> -t <target> [-e <env>] <options> [--check]`, each word quoted for a POSIX shell. */
export function buildCommandLine(
  invocation: BuildInvocation | undefined,
  target: string,
  { environment = invocation?.environment ?? null, check = false }: { environment?: string | null; check?: boolean } = {},
): string {
  const words = [
    "orchc",
    "build",
    ...(invocation?.files ?? []),
    "-t",
    target,
    ...(environment === null ? [] : ["-e", environment]),
    ...(invocation?.options ?? []),
    ...(check ? ["--check"] : []),
  ];
  return words.map((word, index) => (index < 2 ? word : shellQuote(word))).join(" ");
}
