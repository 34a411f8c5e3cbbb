import { OUTPUTS_DIR_ENV } from "@orchc/dsl";
import { PYTHON_OUTPUT_READER, pythonOutputReaderSource } from "../shared/output-reader-python.js";
import type { TaskNode } from "@orchc/compiler";
import { call, dict, str, type Py } from "./python-source.js";

const FOLDER_HELPER = "orchc_outputs_folder";
const PUSH_HELPER = "orchc_push_outputs";

/** The standard modules the helpers import. */
export const OUTPUT_HELPER_MODULES = ["json", "os", "re", "shutil", "tempfile"] as const;

/**
 * A task's outputs on Airflow: before each try, a fresh folder in `$ORCHC_OUTPUTS` (after the secret
 * hook, which it wraps); after a try that succeeded, each declared file read as on every target
 * (shared/output-reader-python.ts) and pushed as an XCom under the output's name; a missing or
 * ill-typed output fails the try.
 */
export function outputHelperSource(): string {
  return `${pythonOutputReaderSource()}


def ${FOLDER_HELPER}(then=None):
    def make_folder(context):
        if then is not None:
            then(context)
        task = context["task"]
        folder = tempfile.mkdtemp(prefix="orchc-outputs-")
        task.env = {**(task.env or {}), "${OUTPUTS_DIR_ENV}": folder}

    return make_folder


def ${PUSH_HELPER}(declared):
    def push(context, result=None):
        folder = context["task"].env["${OUTPUTS_DIR_ENV}"]
        try:
            values = {
                name: ${PYTHON_OUTPUT_READER}(folder, name, kind)
                for name, kind in declared.items()
            }
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        for name, value in values.items():
            context["ti"].xcom_push(key=name, value=value)

    return push`;
}

/** `pre_execute` and `post_execute` of a task that declares outputs; `secretHook` is the secret one it wraps. */
export function outputHooks(task: TaskNode, secretHook: Py | null): Array<[string, Py]> {
  return [
    ["pre_execute", call(FOLDER_HELPER, secretHook === null ? [] : [["then", secretHook]])],
    ["post_execute", call(PUSH_HELPER, [[null, dict(task.outputs.map(({ name, type }) => [name, str(type)]))]])],
  ];
}

export const usesOutputHelpers = (statements: ReadonlyArray<string>): boolean => statements.some((text) => text.includes(`post_execute=${PUSH_HELPER}(`));
