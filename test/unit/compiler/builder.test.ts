import { describe, expect, it } from "vitest";
import { definePipeline, normalizePipelineInput, pipeline, sh } from "../../../packages/dsl/src/index.js";

describe("the builder refuses what the type checker would", () => {
  it("refuses a handle of another pipeline in after()", () => {
    const one = pipeline("one", {});
    const extract = one.task("extract", sh`./extract.sh`);
    const two = pipeline("two", {});
    two.task("extract", sh`./extract.sh`);
    // A JavaScript caller (or a cast) gets past the types; the builder must not rebind silently.
    expect(() => two.task("load", sh`./load.sh`).after(extract as never)).toThrow("cannot run after `extract`, a task of pipeline `one`");
  });

  it("records an undefined interpolation in sh`` for the compiler to report (ORC140), instead of throwing and hiding the file's other mistakes", () => {
    const missing = (undefined as unknown) as string;
    expect(sh`run ${missing} now`).toEqual({ kind: "shell", command: { $template: ["run ", { $invalidInterpolation: { index: 0, got: "undefined" } }, " now"] } });
  });

  it("refuses a keyed task that also carries an id", () => {
    expect(() => normalizePipelineInput({ id: "p", tasks: { extract: { id: "renamed", action: { kind: "shell", command: "x" } } as never } })).toThrow(
      "task `extract` is keyed by its id, so it must not also have an `id` field",
    );
    expect(definePipeline({ id: "p", tasks: { a: { action: { kind: "shell", command: "x" } } } }).toSpec().tasks[0]?.id).toBe("a");
  });
});
