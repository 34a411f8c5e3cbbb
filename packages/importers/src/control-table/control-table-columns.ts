import * as z from "zod";
import type { ColumnRules } from "../read/check-columns.js";

const seconds = z.number().int().nonnegative();

/** The Orchestration Manager's control table, one rule per column (seed: `load_orchestration_config`). */
export const CONTROL_TABLE_COLUMNS = {
  notebook_name: { schema: z.string().min(1), expected: "the notebook's name, which other rows' dependencies use", required: true },
  notebook_path: { schema: z.string().min(1), expected: "the notebook's workspace path", required: true },
  dependencies: { schema: z.union([z.string(), z.array(z.string()), z.null()]), expected: 'a JSON list of notebook names as text, e.g. \'["Notebook2"]\'', required: false },
  parameters: { schema: z.union([z.string(), z.record(z.string(), z.unknown()), z.null()]), expected: 'a JSON object as text, e.g. \'{"param1": "value1"}\'', required: false },
  timeout_per_cell_seconds: { schema: z.union([seconds, z.null()]), expected: "a whole number of seconds, 0 or more (0: no timeout)", required: false },
  retry_attempts: { schema: z.union([z.number().int().nonnegative(), z.null()]), expected: "a whole number of retries, 0 or more", required: false },
  interval_between_retry_attempt_seconds: { schema: z.union([seconds, z.null()]), expected: "a whole number of seconds, 0 or more", required: false },
  active: { schema: z.union([z.literal(0), z.literal(1), z.boolean()]), expected: "1 or 0 (or true or false)", required: false },
  process_group: { schema: z.union([z.number().int(), z.string().min(1)]), expected: "the process group, a whole number or a name", required: true },
} as const satisfies ColumnRules;

export interface ControlTableRow {
  /** 0-based index in the file. */
  readonly index: number;
  readonly name: string;
  readonly path: string;
  readonly dependencies: ReadonlyArray<string>;
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
  readonly timeoutSeconds: number | null;
  readonly retries: number;
  readonly retryIntervalSeconds: number;
  readonly active: boolean;
  readonly processGroup: string;
}
