export interface CronFieldNode {
  /** The field as written after normalisation (`*`, `1-5`, `*\/15`, `MON-FRI`). */
  readonly text: string;
  /** Every value the field allows; day-of-week uses 0–6 with Sunday = 0. */
  readonly values: ReadonlyArray<number>;
  /** False for `*` (every value). */
  readonly restricted: boolean;
}

export interface ScheduleNode {
  /** Five space-separated fields, presets expanded. */
  readonly expression: string;
  /** The preset the user wrote, if any (targets with presets may keep it). */
  readonly preset: string | null;
  readonly minute: CronFieldNode;
  readonly hour: CronFieldNode;
  readonly dayOfMonth: CronFieldNode;
  readonly month: CronFieldNode;
  readonly dayOfWeek: CronFieldNode;
  /** IANA zone; `UTC` when the user named none. */
  readonly timezone: string;
}
