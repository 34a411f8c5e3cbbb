import { error, type Diagnostic } from "../diagnostics/diagnostic.js";

/** What `--select` (and `--group`) pick: tasks with a tag, tasks in a group, or one task by id. */
export interface TaskSelector {
  readonly kind: "tag" | "group" | "task";
  readonly value: string;
  /** As the user wrote it, for messages. */
  readonly text: string;
}

const KINDS = ["tag", "group", "task"] as const;

/** `tag:nightly`, `group:ingest`, `task:load` or a bare task id; commas separate several. */
export function parseSelectors(texts: ReadonlyArray<string>): { selectors: TaskSelector[]; diagnostics: Diagnostic[] } {
  const selectors: TaskSelector[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const text of texts.flatMap((entry) => entry.split(",")).map((entry) => entry.trim())) {
    const colon = text.indexOf(":");
    const kind = colon < 0 ? "task" : text.slice(0, colon);
    const value = colon < 0 ? text : text.slice(colon + 1);
    if (!(KINDS as ReadonlyArray<string>).includes(kind) || value === "") {
      diagnostics.push(
        error("ORC206", `cannot read the selector \`${text}\``, { hint: "write tag:<tag>, group:<group>, task:<id> or a task id; separate several with commas" }),
      );
      continue;
    }
    selectors.push({ kind: kind as TaskSelector["kind"], value, text });
  }
  return { selectors, diagnostics };
}
