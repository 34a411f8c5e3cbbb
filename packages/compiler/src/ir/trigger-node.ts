/** What starts a run besides a schedule or a person (one kind per pipeline and environment). */
export type TriggerNode =
  /** After a run of any one of these pipelines (ids, as declared) succeeded, PARTIAL included. */
  | { readonly kind: "after"; readonly pipelines: ReadonlyArray<string> }
  /** When a file lands under this storage URL or volume path. */
  | { readonly kind: "fileArrival"; readonly path: string }
  /** When any of these Unity Catalog tables (catalog.schema.table) is updated. */
  | { readonly kind: "tableUpdate"; readonly tables: ReadonlyArray<string> };

export type TriggerKind = TriggerNode["kind"];
