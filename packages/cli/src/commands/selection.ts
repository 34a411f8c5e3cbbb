/** `--select` and `--group` as one list of selectors for the compiler (`--group x` is `--select group:x`). */
export interface SelectionOptions {
  readonly select?: ReadonlyArray<string>;
  readonly group?: ReadonlyArray<string>;
}

export const selectionOf = (options: SelectionOptions): string[] => [...(options.select ?? []), ...(options.group ?? []).map((group) => `group:${group}`)];
