// Every symbol `import … from "orchc"` offers is documented in the editor: a missing doc comment on
// an export (or on a public member of an exported class or interface, or a property of an exported
// object type alias), or a missing `@example` on a function or method, fails here by name.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildDocModel, buildDslDocModel, undocumentedItems } from "../../../scripts/doc-model.mjs";

const work = mkdtempSync(join(tmpdir(), "orchc-tsdoc-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("TSDoc on the DSL's public API", () => {
  it("documents every exported symbol and member, with an @example on every function and method", () => {
    const { checked, offenders } = undocumentedItems(buildDslDocModel(join(work, "dsl")));
    // The DSL exports over 350 items and members today; far fewer means the model lost them, and an
    // empty list of offenders would then prove nothing.
    expect(checked).toBeGreaterThan(300);
    expect(offenders, `undocumented (add a /** … */ comment, with an @example on functions and methods):\n${offenders.join("\n")}`).toEqual([]);
  });

  it("names each offender: a bare export, a function without @example, a bare method, interface property or type alias property", () => {
    const source = [
      "/**",
      " * Documented, with an example.",
      " * @example",
      " * ```ts",
      " * good()",
      " * ```",
      " */",
      "export declare function good(): void;",
      "export declare function bare(): void;",
      "/** Documented, without an example. */",
      "export declare function noExample(): void;",
      "/** A class. */",
      "export declare class Builder {",
      "    /** Documented. */",
      "    readonly id: string;",
      "    run(): void;",
      "}",
      "/** An interface. */",
      "export interface Options {",
      "    readonly size?: number;",
      "}",
      "/** Overrides. */",
      "export type Overrides = {",
      "    /** Documented. */",
      "    readonly a?: string;",
      "    readonly b?: string;",
      "};",
      "export declare const LIMIT = 3;",
      "",
    ].join("\n");
    writeFileSync(join(work, "fixture.d.ts"), source);
    const { checked, offenders } = undocumentedItems(buildDocModel({ entry: join(work, "fixture.d.ts"), folder: join(work, "fixture-model") }));
    expect([...offenders].sort()).toEqual(["Builder.run(): no doc comment", "LIMIT: no doc comment", "Options.size: no doc comment", "Overrides.b: no doc comment", "bare(): no doc comment", "noExample(): no @example"].sort());
    expect(checked).toBe(12); // 7 exports, 2 class members, 1 interface property, 2 type alias properties
  });
});
