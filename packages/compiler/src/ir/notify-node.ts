export interface NotifyNode {
  readonly onStart: ReadonlyArray<string>;
  readonly onSuccess: ReadonlyArray<string>;
  readonly onFailure: ReadonlyArray<string>;
}
