import type { PipelineNode, TaskNode } from "@orchc/compiler";
import { airflowTaskId, ITEM_ATTRIBUTE, ITEM_EXPRESSION } from "./jinja.js";
import { TRIGGER_RULES } from "./airflow-runif.js";
import { freshName } from "./python-names.js";
import { call, code, list, pyString, str, type Py } from "./python-source.js";

/** The operator class an iteration runs: the task's own, with the item as a plain attribute. */
export const forEachClass = (operator: string): string => `OrchcForEach${operator}`;

/** What an items step hands its task, as the one item, when the list is no JSON array of strings. */
const INVALID_LIST_KEY = "orchc_invalid_list";

/** The exception that fails a task instance without a retry, where each Airflow major has it. */
export const FAIL_EXCEPTION = "AirflowFailException";
export const FAIL_EXCEPTION_MODULE = { 3: "airflow.sdk.exceptions", 2: "airflow.exceptions" } as const;

/**
 * Its definition. The item arrives through `expand(orchc_item=...)`, an argument no operator
 * templates, so Airflow never reads it as a template, whether the list is written in the DAG or
 * comes from an XCom (where `literal()` would not survive the XCom on every version).
 *
 * With `readsItemsSteps` (a task of this operator maps over an items step's value), the item may
 * instead be the marker an items step returns for a list that is no JSON array of strings (items
 * are only ever strings, so a dict is never an item). That one iteration then fails with the
 * marker's message, as docs/semantics.md has a for-each task fail on such a list: its own
 * pre_execute hook (outputs folder, secrets) is replaced by one that raises AirflowFailException,
 * so neither a hook nor the command runs, and no retry happens (the list would not change). The
 * hook, not a pre_execute method, because Airflow 3 runs the hook before the method. The
 * attribute the templates read stays a str.
 */
export function forEachClassSource(operator: string, readsItemsSteps: boolean): string {
  const invalid = `        if isinstance(${ITEM_ATTRIBUTE}, dict):
            # The items step found no JSON array of strings: fail before any hook or
            # command runs, with no retry (the list would not change).
            message = ${ITEM_ATTRIBUTE}[${pyString(INVALID_LIST_KEY)}]

            def fail(context):
                raise ${FAIL_EXCEPTION}(message)

            kwargs["pre_execute"] = fail
            ${ITEM_ATTRIBUTE} = ""
`;
  return `class ${forEachClass(operator)}(${operator}):
    """${operator} run once per item; the item is data, read by \`${ITEM_EXPRESSION}\`."""

    def __init__(self, *, ${ITEM_ATTRIBUTE}, **kwargs):
${readsItemsSteps ? invalid : ""}        super().__init__(**kwargs)
        self.${ITEM_ATTRIBUTE} = ${ITEM_ATTRIBUTE}`;
}

/** The module-level function that turns a param's or an output's text into the items. */
const ITEMS_HELPER = "orchc_items";

/** The standard modules it imports. */
export const ITEMS_HELPER_MODULES = ["json"] as const;

/**
 * `orchc_items(param=...)` / `orchc_items(output=(task_id, name))`: the callable of a task's items
 * step. Airflow maps only over a task's return value (an output is an XCom under its own key), so a
 * step reads the text, checks it is a JSON array of strings, and returns it: an empty array skips
 * the task. Anything else does not fail the step: it returns one marker item, whose one iteration
 * fails at once (forEachClassSource), so the task itself ends failed before any command runs.
 */
export function itemsHelperSource(): string {
  const invalidKey = pyString(INVALID_LIST_KEY);
  return `def ${ITEMS_HELPER}(param=None, output=None):
    def items(**context):
        if param is not None:
            text, where = context["params"][param], f"param \`{param}\`"
        else:
            task_id, name = output
            text = context["ti"].xcom_pull(task_ids=task_id, key=name)
            where = f"output \`{name}\` of task \`{task_id}\`"
        try:
            values = json.loads(text)
        except (TypeError, ValueError):
            values = None
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            message = f"{where} must be a JSON array of strings to run a task once per item, but is {str(text)[:80]!r}"
            return [{${invalidKey}: message}]
        return values

    return items`;
}

/** Where PythonOperator lives: the standard provider on Airflow 3, core on Airflow 2. */
export const PYTHON_OPERATOR_MODULE = { 3: "airflow.providers.standard.operators.python", 2: "airflow.operators.python" } as const;

/** Whether a task needs an items step: its list is only known at run time. */
export const hasItemsStep = (task: TaskNode): boolean => task.forEach !== null && task.forEach.items.kind !== "static";

/** Airflow ids of the items steps, `<task>__items`, kept apart from every task id and from each other. */
export function itemsStepIds(pipeline: PipelineNode): Map<string, string> {
  const taken = new Set(pipeline.tasks.map((task) => task.id));
  const ids = new Map<string, string>();
  for (const task of pipeline.tasks.filter(hasItemsStep)) {
    ids.set(task.id, freshName(`${task.id}__items`, taken));
  }
  return ids;
}

/** The items step of a task over a param or an output: a PythonOperator with no retries (a list does not change when read again). */
export function itemsStepArguments(pipeline: PipelineNode, task: TaskNode, stepId: string): Array<[string, Py]> {
  const items = task.forEach!.items;
  if (items.kind === "static") throw new Error("internal: a written list needs no items step");
  const writer = (id: string) => airflowTaskId(pipeline.tasks.find((candidate) => candidate.id === id)!);
  const source: [string, Py] = items.kind === "param" ? ["param", str(items.name)] : ["output", code(`(${pyString(writer(items.task))}, ${pyString(items.name)})`)];
  return [
    ["task_id", str(stepId)],
    ["python_callable", call(ITEMS_HELPER, [source])],
    ["retries", code("0")],
    // The step waits for the task's upstream tasks by the task's own rule; the task then waits for the step alone.
    ...(task.runIf === "allSuccess" ? [] : [["trigger_rule", str(TRIGGER_RULES[task.runIf])] as [string, Py]]),
    ["doc_md", str(`Added by orchc: reads the list task \`${task.id}\` runs once per item of; a list that is no JSON array of strings becomes one iteration of \`${task.id}\` that fails at once.`)],
  ];
}

/** `expand(orchc_item=...)`: the written list, or the items step's return value. */
export function expandArguments(task: TaskNode, stepVariable: string | null): Array<[string, Py]> {
  const items = task.forEach!.items;
  return [[ITEM_ATTRIBUTE, items.kind === "static" ? list(items.values.map(str)) : code(`${stepVariable!}.output`)]];
}

