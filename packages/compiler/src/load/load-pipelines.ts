import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { LoadedPipeline } from "./loaded-pipeline.js";
import { loadModule } from "./load-module.js";
import { pipelinesInModule } from "./pipelines-in-module.js";
import { projectRootOf } from "./project-root.js";

const MODULE_EXTENSIONS = new Set([".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs"]);
const DATA_EXTENSIONS = new Set([".json", ".yaml", ".yml"]);

interface Loaded {
  loaded: LoadedPipeline[];
  diagnostics: Diagnostic[];
  /** Every file the pipelines were read from, imports included; what `--watch` watches. */
  inputs: string[];
}

async function loadOne(file: string): Promise<Loaded> {
  const at = { file, line: 1, column: 1 };
  if (!existsSync(file) || !statSync(file).isFile()) {
    return { loaded: [], inputs: [file], diagnostics: [error("ORC100", `no such file: ${basename(file)}`, { location: at, hint: "check the path, or run `orchc init` to create pipeline.ts" })] };
  }
  const extension = extname(file).toLowerCase();
  const projectRoot = projectRootOf(file);
  if (DATA_EXTENSIONS.has(extension)) {
    const { loadDataFile } = await import("./load-data-file.js");
    const { spec, diagnostics } = loadDataFile(file, readFileSync(file, "utf8"));
    return { loaded: diagnostics.length > 0 ? [] : [{ file, projectRoot, exportName: "default", spec }], diagnostics, inputs: [file] };
  }
  if (!MODULE_EXTENSIONS.has(extension)) {
    return {
      loaded: [],
      inputs: [file],
      diagnostics: [error("ORC104", `cannot read pipelines from a ${extension || "extension-less"} file`, { location: at, hint: "use a .ts, .js, .json or .yaml file" })],
    };
  }
  const module = await loadModule(file);
  const { namespace, diagnostics } = module;
  // A file that failed to bundle has no inputs to tell; its own path, and the file with the syntax error, are still worth watching.
  const located = diagnostics.flatMap((diagnostic) => (diagnostic.location ? [diagnostic.location.file] : []));
  const inputs = [...new Set([file, ...module.inputs, ...located])];
  if (!namespace) return { loaded: [], diagnostics, inputs };
  let found: Array<{ exportName: string; spec: unknown }>;
  try {
    found = pipelinesInModule(namespace);
  } catch (thrown) {
    return { loaded: [], inputs, diagnostics: [error("ORC102", `reading the exported pipelines threw: ${(thrown as Error).message ?? thrown}`, { location: at })] };
  }
  if (found.length === 0) {
    return {
      loaded: [],
      inputs,
      diagnostics: [error("ORC103", "the file exports no pipeline", { location: at, hint: "add `export default myPipeline;` (a `pipeline(…)` or `definePipeline(…)` value)" })],
    };
  }
  return { loaded: found.map(({ exportName, spec }) => ({ file, projectRoot, exportName, spec })), diagnostics: [], inputs };
}

/** Loads every pipeline from the given files, in order; problems come back as diagnostics. */
export async function loadPipelines(files: ReadonlyArray<string>): Promise<Loaded> {
  const results = await Promise.all(files.map((file) => loadOne(resolve(file))));
  return {
    loaded: results.flatMap((result) => result.loaded),
    diagnostics: results.flatMap((result) => result.diagnostics),
    inputs: [...new Set(results.flatMap((result) => result.inputs))],
  };
}
