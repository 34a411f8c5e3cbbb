import { OUTPUT_MAX_BYTES, OUTPUTS_DIR_ENV } from "@orchc/dsl";

/** The Python function that reads one output where a target runs Python after the task (Airflow's hook, GitHub's step). */
export const PYTHON_OUTPUT_READER = "orchc_read_output";

/**
 * `orchc_read_output(folder, name, kind)`: the output as every target reads it (@orchc/dsl
 * readOutput): the file's text without trailing newlines, UTF-8, no NUL, at most OUTPUT_MAX_BYTES,
 * of its declared type; anything else raises, and the attempt fails with the message. Needs `json`,
 * `os` and `re`.
 */
export const pythonOutputReaderSource = (indent = ""): string =>
  `def ${PYTHON_OUTPUT_READER}(folder, name, kind):
    path = os.path.join(folder, name)
    if not os.path.isfile(path):
        raise RuntimeError(
            f"the task exited 0 but did not write its output \`{name}\` (a file named {name} in $${OUTPUTS_DIR_ENV})"
        )
    with open(path, "rb") as file:
        data = file.read(${OUTPUT_MAX_BYTES} + 1)
    if len(data) > ${OUTPUT_MAX_BYTES}:
        raise RuntimeError(
            f"output \`{name}\` holds more than the ${OUTPUT_MAX_BYTES} bytes an output may"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise RuntimeError(f"output \`{name}\` is not UTF-8 text") from None
    if "\\0" in text:
        raise RuntimeError(
            f"output \`{name}\` holds a NUL byte, which no environment variable can"
        )
    value = text.rstrip("\\n")
    number = r"-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?"
    if kind == "number" and not re.fullmatch(number, value):
        raise RuntimeError(
            f"output \`{name}\` is declared a number, but holds {value[:40]!r}"
        )
    if kind == "boolean" and value not in ("true", "false"):
        raise RuntimeError(
            f"output \`{name}\` is declared a boolean (true or false), but holds {value[:40]!r}"
        )
    if kind == "list":
        try:
            is_list = isinstance(json.loads(value), list)
        except ValueError:
            is_list = False
        if not is_list:
            raise RuntimeError(
                f"output \`{name}\` is declared a list, but is not a JSON array"
            )
    return value`
    .split("\n")
    .map((line) => (line === "" ? line : indent + line))
    .join("\n");
