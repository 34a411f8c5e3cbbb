import { Argument, Command, Option } from "commander";
import { TARGET_NAMES } from "@orchc/targets/names";
import { GRAPH_FORMATS } from "./graph/graph-formats.js";
import { ORCHC_VERSION } from "./version.js";

const collect = (value: string, previous: string[] = []) => [...previous, value];
// Ctrl-C is how a watch ends, so it is a success; 130 is kept for a second Ctrl-C that cuts a hung build short.
const WATCH_HELP = "\nWith --watch: Ctrl-C stops watching and exits 0 (a second Ctrl-C during a build exits 130 at once).";

// Set by build and validate: once they return, no child process, timer or write of theirs is pending.
let leavesNothingRunning = false;

/**
 * Exits as soon as stdout and stderr have flushed (a pipe is asynchronous on macOS). Left to end on
 * its own, Node first waits for V8's background tasks, which finish a garbage collection nobody
 * needs: ~10 ms of every build.
 */
function exitOnceFlushed(code: number): void {
  process.exitCode = code;
  let pending = 2;
  for (const stream of [process.stdout, process.stderr]) {
    stream.write("", () => {
      if (--pending === 0) process.exit();
    });
  }
}

/** Exit codes: 0 success, 1 a problem in the user's input, 2 a bug in orchc. */
async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  // Each command's module is imported when it runs, so a build never loads what `schema` needs.
  const run = (action: () => number | Promise<number>) => async () => {
    exitCode = await action();
  };
  const runToTheEnd = (action: () => number | Promise<number>) => {
    leavesNothingRunning = true;
    return run(action);
  };
  const program = new Command()
    .name("orchc")
    .description("Compile a pipeline written in TypeScript for Airflow, Databricks, GitHub Actions or a local runner.")
    .version(ORCHC_VERSION)
    .showHelpAfterError()
    .exitOverride();

  program
    .command("build")
    .description("generate the target's files from the pipeline files (default: ./pipeline.ts)")
    .argument("[files...]", "pipeline files (.ts, .js, .json, .yaml)")
    .requiredOption("-t, --target <target>", `target to build for: ${[...TARGET_NAMES, "all"].join(", ")} (repeatable; comma-separated)`, collect)
    .option("-o, --out <dir>", "output directory", ".")
    .option("-e, --env <name>", "resolve the pipeline for this environment")
    .option("--check", "write nothing; fail when the files on disk differ from what would be generated")
    .option("--set <[target.]key=value>", "target option, for one target or all (repeatable)", collect)
    .option("--airflow-version <major>", "Airflow major version the DAGs are for: 3 (3.3+, default) or 2 (2.7+)")
    .option("--select <selector>", "only these tasks: tag:<tag>, group:<group> or a task id (repeatable, or comma-separated)", collect)
    .option("--group <name>", "only the tasks of this group (repeatable)", collect)
    .option("--json", "print diagnostics as JSON")
    .option("-w, --watch", "build, then build again on every save of the pipeline files or a file they import (not with --check)")
    .addHelpText("after", WATCH_HELP)
    .action((files: string[], options) => runToTheEnd(async () => (await import("./commands/build-command.js")).buildCommand(files, options))());

  program
    .command("validate")
    .description("check pipeline files without generating anything")
    .argument("[files...]", "pipeline files")
    .option("-t, --target <target>", `also check what this target can express: ${TARGET_NAMES.join(", ")}`)
    .option("--types", "also type-check .ts pipeline files (as the editor would)")
    .option("-e, --env <name>", "resolve the pipeline for this environment")
    .option("--select <selector>", "only these tasks: tag:<tag>, group:<group> or a task id (repeatable, or comma-separated)", collect)
    .option("--group <name>", "only the tasks of this group (repeatable)", collect)
    .option("--json", "print diagnostics as JSON")
    .option("-w, --watch", "validate again on every save of the pipeline files or a file they import")
    .addHelpText("after", WATCH_HELP)
    .action((files: string[], options) => runToTheEnd(async () => (await import("./commands/validate-command.js")).validateCommand(files, options))());

  program
    .command("check", { hidden: true })
    .description("not a command: `orchc validate` checks pipelines, `orchc build --check` checks generated files")
    .argument("[arguments...]")
    .allowUnknownOption()
    // `orchc check --help` too gets the two commands, not a help page for a command that only refuses.
    .helpOption(false)
    .action(() => run(async () => (await import("./commands/check-command.js")).checkCommand())());

  program
    .command("graph")
    .description("print the task graph")
    .argument("[files...]", "pipeline files")
    .addOption(new Option("-f, --format <format>", "output format").choices(GRAPH_FORMATS).default("mermaid"))
    .option("-e, --env <name>", "resolve the pipeline for this environment")
    .option("--select <selector>", "only these tasks: tag:<tag>, group:<group> or a task id (repeatable, or comma-separated)", collect)
    .option("--group <name>", "only the tasks of this group (repeatable)", collect)
    .action((files: string[], options) => run(async () => (await import("./commands/graph-command.js")).graphCommand(files, options))());

  program
    .command("run")
    .description("run a pipeline on this machine (the same engine as `build --target local`)")
    .argument("[files...]", "pipeline files (default: ./pipeline.ts)")
    .option("-p, --pipeline <id>", "which pipeline, when the files declare several")
    .option("-e, --env <name>", "resolve the pipeline for this environment")
    .option("-j, --parallel <n>", "tasks at once (default: the number of CPUs)")
    .option("--param <name=value>", "a param value (repeatable)", collect)
    .option("--resume [run-id]", "run again what did not succeed in that run (default: the latest unfinished one)")
    .option("--from <task>", "run this task and everything after it")
    .option("--only <task>", "run only these tasks (repeatable, or comma-separated)", collect)
    .option("--select <selector>", "only these tasks: tag:<tag>, group:<group> or a task id (repeatable, or comma-separated)", collect)
    .option("--group <name>", "only the tasks of this group (repeatable)", collect)
    .option("--dry-run", "print the plan in waves and run nothing")
    .option("--json", "one JSON event per line")
    .option("--report <file.html>", "write an HTML report with a timeline of every attempt")
    .option("--store <dir>", "run store", ".orchc/runs")
    .addHelpText("after", "\nExit codes: 0 success, 1 partial (only optional tasks failed) or bad input, 2 failed, 130 interrupted.")
    .action((files: string[], options) => run(async () => (await import("./commands/run-command.js")).runCommand(files, options))());

  program
    .command("runs")
    .description("list local runs with success rate and mean duration, or show one run")
    .addArgument(new Argument("[action]", "list or show").choices(["list", "show"]).default("list"))
    .argument("[run-id]", "the run to show (default: the latest)")
    .option("-p, --pipeline <id>", "only this pipeline's runs")
    .option("--json", "print JSON")
    .option("--report <file.html>", "with show: also write the run's HTML report")
    .option("--store <dir>", "run store", ".orchc/runs")
    .action((action: string, runId: string | undefined, options) => run(async () => (await import("./commands/runs-command.js")).runsCommand(action, runId, options))());

  program
    .command("targets")
    .description("list the targets and what each can express; with pipeline files, where each pipeline is built and what it lets each target drop or emulate")
    .argument("[files...]", "pipeline files")
    .option("--json", "print the capability table as JSON")
    .action((files: string[], options) => run(async () => (await import("./commands/targets-command.js")).targetsCommand(files, options))());

  program
    .command("schema")
    .description("print the JSON Schema of the plain-object pipeline form")
    .action(() => run(async () => (await import("./commands/schema-command.js")).schemaCommand())());

  const importers = program.command("import").description("turn another system's configuration into a formatted pipeline.ts");
  importers
    .command("control-table")
    .description("an Orchestration Manager control table (rows as JSON or YAML) → a pipeline per process group")
    .argument("<rows>", "the rows: .json, .yaml or .yml")
    .option("-o, --out <file>", "the pipeline.ts to write", "pipeline.ts")
    .option("--name <id>", "pipeline ids start with this (default: the file's name)")
    .option("--force", "replace the output file when it differs")
    .option("--json", "print the result and diagnostics as JSON")
    .action((rows: string, options) => run(async () => (await import("./commands/import-command.js")).importControlTableCommand(rows, options))());
  importers
    .command("workflow-orchestrator")
    .description("the Workflow Orchestrator's task dependencies and compute configs → one pipeline with its compute")
    .requiredOption("--tasks <file>", "the task list (dependency.json: file_name, format, dependent_on, compute_name)")
    .option("--clusters <file>", "cluster_config.json: { name: cluster settings }")
    .option("--warehouses <file>", "warehouse_config.json: { name: warehouse settings }")
    .option("--notebooks-dir <dir>", "where the files are, relative to the pipeline.ts", "notebooks")
    .option("-o, --out <file>", "the pipeline.ts to write", "pipeline.ts")
    .option("--name <id>", "the pipeline's id", "workflow")
    .option("--force", "replace the output file when it differs")
    .option("--json", "print the result and diagnostics as JSON")
    .action((options) => run(async () => (await import("./commands/import-command.js")).importWorkflowOrchestratorCommand(options))());

  program
    .command("init")
    .description("set a project up: pipeline.ts, tsconfig.json, package.json scripts and devDependencies (typescript), .orchc/ in .gitignore, and a CI workflow (.github/workflows/orchc.yml); never overwrites a file, asks nothing")
    .argument("[directory]", "where", ".")
    .option("-t, --target <target>", `what the build scripts and the CI workflow build and check: ${TARGET_NAMES.join(", ")} (repeatable; comma-separated; default: airflow; not databricks with github-actions)`, collect)
    .action((directory: string, options) => run(async () => (await import("./commands/init-command.js")).initCommand(directory, options))());

  try {
    await program.parseAsync(argv);
  } catch (failure) {
    const code = (failure as { exitCode?: number; code?: string }).exitCode;
    if (typeof code === "number") return code === 0 ? 0 : 1;
    throw failure;
  }
  return exitCode;
}

// A reader that closes the pipe early (`orchc schema | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (failure: NodeJS.ErrnoException) => {
    if (failure.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw failure;
  });
}

main(process.argv).then(
  (code) => {
    if (leavesNothingRunning) exitOnceFlushed(code);
    else process.exitCode = code;
  },
  (failure: unknown) => {
    process.stderr.write(`orchc: internal error (please report it): ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}\n`);
    process.exitCode = 2;
  },
);
