// Only types come from ts-morph here: a value import would be hoisted to the top of the bundled CLI
// and load the TypeScript compiler on every run, clean builds included. The API is passed in instead.
import type { ts } from "ts-morph";
import type { DiagnosticSubject } from "../diagnostics/diagnostic.js";
import { FILE_START, type LineColumn } from "./position.js";

export type TypeScriptApi = typeof ts;

type Segment = string | number;

/** Loads the compiler API bundled in ts-morph; only the error path calls this. */
export async function loadTypeScript(): Promise<TypeScriptApi> {
  return (await import("ts-morph")).ts;
}

interface MethodCall {
  readonly name: string;
  readonly nameNode: ts.Node;
  readonly call: ts.CallExpression;
}

interface PipelineSite {
  readonly id: string | undefined;
  /** An id built from a template (`\`sales_${family}\``): its literal parts, which a run-time id must hold in order. */
  readonly idParts?: ReadonlyArray<string>;
  readonly anchor: ts.Node;
  readonly region: ts.Node;
  /** A `pipeline(…)` call, whose tasks are `.task()` calls; else a plain object with a `tasks` property. */
  readonly builder: boolean;
  /** Builder: the options argument. Object form: the object itself. */
  readonly body: ts.Expression | undefined;
  /** Builder: methods called on the pipeline (`.airflow({…})`), in its chain or on its variable. */
  readonly methods: ReadonlyArray<MethodCall>;
  readonly tasks: TaskSite[];
}

interface TaskSite {
  readonly id: string | undefined;
  readonly anchor: ts.Node;
  readonly scope: ReadonlyArray<ts.Node>;
  /** Object form: the task's object. */
  readonly body: ts.Expression | undefined;
  /** Builder form: the `.task(id, action)` call and every method configuring the handle. */
  readonly builder?: { readonly taskCall: ts.CallExpression; readonly methods: ReadonlyArray<MethodCall> };
}

/** A region: where to point, where to look for `value`, and what later path segments walk into. */
interface Located {
  readonly anchor: ts.Node;
  readonly scope: ReadonlyArray<ts.Node>;
  readonly inner: ReadonlyArray<ts.Expression>;
  readonly builderPipeline?: PipelineSite;
  readonly builderTask?: TaskSite;
}

interface ArgumentSlot {
  readonly argument: number;
  readonly property?: string;
}

/**
 * How the DSL's helpers map spec fields to their arguments, so a path into the spec can walk a call
 * like `notebook("gen.py", { catalog })` (`params` is the second argument, not a property).
 */
const HELPER_ARGUMENTS: Readonly<Record<string, Readonly<Record<string, ArgumentSlot>>>> = {
  cron: { cron: { argument: 0 }, timezone: { argument: 1, property: "timezone" } },
  shell: { command: { argument: 0 } },
  python: { script: { argument: 0 }, args: { argument: 1 } },
  notebook: { path: { argument: 0 }, params: { argument: 1 }, source: { argument: 2, property: "source" } },
  sparkPython: { file: { argument: 0 }, args: { argument: 1 } },
  pythonWheel: {
    package: { argument: 0 },
    entryPoint: { argument: 1 },
    parameters: { argument: 2, property: "parameters" },
    namedParameters: { argument: 2, property: "namedParameters" },
    libraries: { argument: 2, property: "libraries" },
  },
  sparkJar: { mainClass: { argument: 0 }, parameters: { argument: 1, property: "parameters" }, libraries: { argument: 1, property: "libraries" } },
  dbt: {
    commands: { argument: 0 },
    project: { argument: 1, property: "project" },
    profiles: { argument: 1, property: "profiles" },
    warehouse: { argument: 1, property: "warehouse" },
    catalog: { argument: 1, property: "catalog" },
    schema: { argument: 1, property: "schema" },
    source: { argument: 1, property: "source" },
    libraries: { argument: 1, property: "libraries" },
  },
  lakeflowPipeline: { pipeline: { argument: 0 }, fullRefresh: { argument: 1, property: "fullRefresh" } },
  sql: {
    file: { argument: 0, property: "file" },
    query: { argument: 0, property: "query" },
    savedQuery: { argument: 0, property: "savedQuery" },
    alert: { argument: 0, property: "alert" },
    dashboard: { argument: 0, property: "dashboard" },
    subscriptions: { argument: 0, property: "subscriptions" },
    pauseSubscriptions: { argument: 0, property: "pauseSubscriptions" },
    customSubject: { argument: 0, property: "customSubject" },
    warehouse: { argument: 1, property: "warehouse" },
    params: { argument: 1, property: "params" },
  },
  existingCluster: { id: { argument: 0 } },
  warehouse: { id: { argument: 0 } },
  runner: { runsOn: { argument: 0 } },
};

/** Task fields that add up over several calls; the others take the last call's argument. */
const VARIADIC_METHODS = new Set(["after", "tags"]);
const OVERRIDE_TARGETS = new Set(["airflow", "databricks", "githubActions", "local"]);
/** Bounds identifier chasing (`const a = b; const b = a;`). */
const MAX_RESOLVE_DEPTH = 16;

class TypeScriptLocator {
  readonly #ts: TypeScriptApi;
  readonly #file: ts.SourceFile;
  /** Local name → name exported by the DSL, for `import { pipeline as p }`. */
  readonly #imports = new Map<string, string>();
  readonly #variables = new Map<string, ts.Expression>();
  /** Calls whose chain starts at a variable, by its name: `gen.retries(2)`. */
  readonly #variableCalls = new Map<string, ts.CallExpression[]>();
  /** Handle variable → the id of the task it holds, so `.after(gen)` matches a value naming that task. */
  readonly #taskIdOfVariable = new Map<string, string>();
  readonly #pipelines: PipelineSite[] = [];
  readonly #tasksByPipeline = new Map<PipelineSite, Map<string, TaskSite>>();

  constructor(typescript: TypeScriptApi, sourceText: string, fileName: string) {
    this.#ts = typescript;
    this.#file = typescript.createSourceFile(fileName, sourceText, typescript.ScriptTarget.Latest, true, scriptKind(typescript, fileName));
    this.#index();
  }

  locate(subject: DiagnosticSubject): LineColumn {
    let best: LineColumn = FILE_START;
    try {
      const pipeline = this.#findPipeline(subject.pipelineId);
      if (!pipeline) return best;
      let located = this.#pipelineRegion(pipeline);
      best = this.#position(located.anchor);
      if (subject.taskId !== undefined) {
        const task = this.#findTask(pipeline, subject.taskId);
        if (!task) return best;
        located = this.#taskRegion(task);
        best = this.#position(located.anchor);
      }
      const path = subject.path ?? [];
      let index = 0;
      while (index < path.length) {
        const step = this.#step(located, path, index);
        if (!step) break;
        located = step.located;
        index += step.consumed;
        best = this.#position(located.anchor);
      }
      if (subject.value !== undefined) {
        const found = this.#findValue(located.scope, subject.value);
        if (found) best = this.#position(found);
      }
      return best;
    } catch {
      return best;
    }
  }

  #position(node: ts.Node): LineColumn {
    const { line, character } = this.#file.getLineAndCharacterOfPosition(node.getStart(this.#file));
    return { line: line + 1, column: character + 1 };
  }

  // --- indexing: one pass over the file -------------------------------------------------------

  #index(): void {
    const ts = this.#ts;
    const pipelineCalls: ts.CallExpression[] = [];
    const taskCalls: ts.CallExpression[] = [];
    const objects: ts.ObjectLiteralExpression[] = [];
    for (const node of this.#descendants(this.#file)) {
      if (ts.isImportSpecifier(node)) {
        this.#imports.set(node.name.text, (node.propertyName ?? node.name).text);
      } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        if (!this.#variables.has(node.name.text)) this.#variables.set(node.name.text, node.initializer);
      } else if (ts.isCallExpression(node)) {
        const callee = node.expression;
        if (ts.isPropertyAccessExpression(callee)) {
          if (ts.isIdentifier(callee.expression)) {
            const calls = this.#variableCalls.get(callee.expression.text) ?? [];
            calls.push(node);
            this.#variableCalls.set(callee.expression.text, calls);
          }
          if (callee.name.text === "task" && node.arguments.length > 0) taskCalls.push(node);
        }
        if (this.#calleeName(node) === "pipeline" && node.arguments.length > 0) pipelineCalls.push(node);
      } else if (ts.isObjectLiteralExpression(node) && node.properties.some((property) => this.#propertyName(property) === "tasks")) {
        objects.push(node);
      }
    }
    // The collections above are complete only now, so identifiers resolve from here on.
    for (const call of pipelineCalls) this.#pipelines.push(this.#builderPipeline(call));
    for (const object of objects) {
      if (this.#isPipelineObject(object)) this.#pipelines.push(this.#objectPipeline(object));
    }
    this.#pipelines.sort((a, b) => a.region.pos - b.region.pos);
    const orphans: TaskSite[] = [];
    for (const call of taskCalls) {
      const task = this.#builderTask(call);
      const owner = this.#ownerOf(call);
      (owner ? owner.tasks : orphans).push(task);
    }
    // A task whose receiver cannot be followed (a helper's parameter) belongs to the only pipeline, if any.
    const builders = this.#pipelines.filter((pipeline) => pipeline.builder);
    if (builders.length === 1) builders[0]!.tasks.push(...orphans);
  }

  /** Every node under `root` in source order, without recursion: generated files can nest deeply. */
  *#descendants(root: ts.Node): Generator<ts.Node> {
    const stack: ts.Node[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      yield node;
      const children: ts.Node[] = [];
      this.#ts.forEachChild(node, (child) => {
        children.push(child);
      });
      for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
    }
  }

  #calleeName(call: ts.CallExpression): string | undefined {
    const callee = unwrap(this.#ts, call.expression);
    if (this.#ts.isIdentifier(callee)) return this.#imports.get(callee.text) ?? callee.text;
    if (this.#ts.isPropertyAccessExpression(callee)) return callee.name.text;
    return undefined;
  }

  /** The calls chained onto `call`: `call.a(…).b(…)`, and the outermost expression of that chain. */
  #chainAfter(call: ts.CallExpression): { methods: MethodCall[]; outermost: ts.CallExpression } {
    const ts = this.#ts;
    const methods: MethodCall[] = [];
    let current = call;
    for (;;) {
      const access = current.parent;
      if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== current) break;
      const next = access.parent;
      if (!next || !ts.isCallExpression(next) || next.expression !== access) break;
      methods.push({ name: access.name.text, nameNode: access.name, call: next });
      current = next;
    }
    return { methods, outermost: current };
  }

  /** The variable a chain is assigned to: `const gen = daily.task(…).retries(1)`. */
  #boundName(outermost: ts.Expression): string | undefined {
    const declaration = outermost.parent;
    return declaration && this.#ts.isVariableDeclaration(declaration) && declaration.initializer === outermost && this.#ts.isIdentifier(declaration.name)
      ? declaration.name.text
      : undefined;
  }

  /** Methods called on a variable in later statements, each with the rest of its chain. */
  #methodsOnVariable(name: string | undefined): { methods: MethodCall[] } {
    const methods: MethodCall[] = [];
    for (const call of name === undefined ? [] : (this.#variableCalls.get(name) ?? [])) {
      const access = call.expression as ts.PropertyAccessExpression;
      // `daily.task(…)` starts a task's chain: its methods configure the task, not the pipeline.
      if (access.name.text === "task") continue;
      methods.push({ name: access.name.text, nameNode: access.name, call }, ...this.#chainAfter(call).methods);
    }
    return { methods };
  }

  #builderPipeline(call: ts.CallExpression): PipelineSite {
    const chain = this.#chainAfter(call);
    const firstTask = chain.methods.findIndex((method) => method.name === "task");
    const own = firstTask === -1 ? chain.methods : chain.methods.slice(0, firstTask);
    const later = this.#methodsOnVariable(firstTask === -1 ? this.#boundName(chain.outermost) : undefined);
    const idArgument = call.arguments[0]!;
    const id = this.#stringValue(idArgument);
    const idParts = id === undefined ? this.#templateParts(idArgument) : undefined;
    return {
      id,
      ...(idParts !== undefined && { idParts }),
      anchor: idArgument,
      region: call,
      builder: true,
      body: call.arguments[1],
      methods: [...own, ...later.methods],
      tasks: [],
    };
  }

  #isPipelineObject(object: ts.ObjectLiteralExpression): boolean {
    if (this.#findProperty(object, "id")) return true;
    const ts = this.#ts;
    let node: ts.Node = object;
    while (node.parent && (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isSatisfiesExpression(node.parent))) {
      node = node.parent;
    }
    const parent = node.parent;
    if (!parent) return false;
    if (ts.isCallExpression(parent)) return this.#calleeName(parent) === "definePipeline" && parent.arguments[0] === node;
    if (ts.isExportAssignment(parent)) return true;
    const statement = parent.parent?.parent;
    return (
      ts.isVariableDeclaration(parent) &&
      statement !== undefined &&
      ts.isVariableStatement(statement) &&
      (statement.modifiers ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)
    );
  }

  #objectPipeline(object: ts.ObjectLiteralExpression): PipelineSite {
    const idProperty = this.#findProperty(object, "id");
    const idNode = idProperty ? this.#propertyValue(idProperty) : undefined;
    return {
      id: idNode ? this.#stringValue(idNode) : undefined,
      anchor: idNode ?? object,
      region: object,
      builder: false,
      body: object,
      methods: [],
      tasks: this.#objectTasks(object),
    };
  }

  #objectTasks(pipeline: ts.ObjectLiteralExpression): TaskSite[] {
    const ts = this.#ts;
    const tasksProperty = this.#findProperty(pipeline, "tasks");
    const tasksValue = tasksProperty ? this.#propertyValue(tasksProperty) : undefined;
    const tasks = tasksValue ? this.#resolve(tasksValue) : undefined;
    if (!tasks) return [];
    if (ts.isObjectLiteralExpression(tasks)) {
      return tasks.properties.flatMap((property) => {
        const id = this.#propertyName(property);
        if (id === undefined || !property.name) return [];
        return [{ id, anchor: property.name, scope: [property], body: this.#propertyValue(property) }];
      });
    }
    if (ts.isArrayLiteralExpression(tasks)) {
      return tasks.elements.map((element) => {
        const object = this.#resolve(element);
        const idProperty = ts.isObjectLiteralExpression(object) ? this.#findProperty(object, "id") : undefined;
        const idNode = idProperty ? this.#propertyValue(idProperty) : undefined;
        const anchor = idNode ?? element;
        return { id: idNode ? this.#stringValue(idNode) : undefined, anchor, scope: [anchor, element], body: element };
      });
    }
    return [];
  }

  #builderTask(taskCall: ts.CallExpression): TaskSite {
    const chain = this.#chainAfter(taskCall);
    const name = this.#boundName(chain.outermost);
    const methods = [...chain.methods, ...this.#methodsOnVariable(name).methods];
    const idArgument = taskCall.arguments[0]!;
    const id = this.#stringValue(idArgument);
    if (name !== undefined && id !== undefined) this.#taskIdOfVariable.set(name, id);
    return {
      id,
      anchor: idArgument,
      // Arguments only: the receiver may be a whole `pipeline(…)` call, whose literals are not the task's.
      scope: [...taskCall.arguments, ...methods.flatMap((method) => [...method.call.arguments])],
      body: undefined,
      builder: { taskCall, methods },
    };
  }

  /** The pipeline a `.task()` call registers on: its receiver, followed to a `pipeline(…)` call. */
  #ownerOf(taskCall: ts.CallExpression): PipelineSite | undefined {
    const ts = this.#ts;
    let receiver: ts.Expression = (taskCall.expression as ts.PropertyAccessExpression).expression;
    for (let depth = 0; depth < MAX_RESOLVE_DEPTH; depth++) {
      receiver = unwrap(ts, receiver);
      const site = this.#pipelines.find((pipeline) => pipeline.builder && pipeline.region === receiver);
      if (site) return site;
      if (ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression)) {
        receiver = receiver.expression.expression;
      } else if (ts.isIdentifier(receiver) && this.#variables.has(receiver.text)) {
        receiver = this.#variables.get(receiver.text)!;
      } else {
        return undefined;
      }
    }
    return undefined;
  }

  // --- lookup ---------------------------------------------------------------------------------

  #findPipeline(pipelineId: string | undefined): PipelineSite | undefined {
    const unnamed = this.#pipelines.filter((pipeline) => pipeline.id === undefined);
    if (pipelineId === undefined) {
      if (unnamed.length === 1) return unnamed[0];
      return this.#pipelines.length === 1 ? this.#pipelines[0] : undefined;
    }
    const exact = this.#pipelines.find((pipeline) => pipeline.id === pipelineId);
    if (exact !== undefined) return exact;
    // An id built at run time (`pipeline(\`${team}_daily\`)`, a function that declares a pipeline
    // per family): the template whose literal parts the id holds, the most literal one when several do.
    const fitting = unnamed.filter((pipeline) => pipeline.idParts !== undefined && fitsTemplate(pipelineId, pipeline.idParts));
    if (fitting.length > 0) return fitting.reduce((best, pipeline) => (literalLength(pipeline) > literalLength(best) ? pipeline : best));
    return unnamed.length === 1 ? unnamed[0] : undefined;
  }

  #findTask(pipeline: PipelineSite, taskId: string): TaskSite | undefined {
    let tasks = this.#tasksByPipeline.get(pipeline);
    if (!tasks) {
      // Built once: a large file's diagnostics would otherwise each scan every task.
      tasks = new Map();
      for (const task of pipeline.tasks) if (task.id !== undefined && !tasks.has(task.id)) tasks.set(task.id, task);
      this.#tasksByPipeline.set(pipeline, tasks);
    }
    return tasks.get(taskId);
  }

  #pipelineRegion(pipeline: PipelineSite): Located {
    return {
      anchor: pipeline.anchor,
      scope: [pipeline.anchor, pipeline.region],
      inner: pipeline.body ? [pipeline.body] : [],
      ...(pipeline.builder && { builderPipeline: pipeline }),
    };
  }

  #taskRegion(task: TaskSite): Located {
    return {
      anchor: task.anchor,
      scope: task.scope,
      inner: task.body ? [task.body] : [],
      ...(task.builder && { builderTask: task }),
    };
  }

  // --- walking a path -------------------------------------------------------------------------

  #step(located: Located, path: ReadonlyArray<Segment>, index: number): { located: Located; consumed: number } | undefined {
    if (located.builderTask) return this.#builderTaskStep(located.builderTask, path, index);
    if (located.builderPipeline) {
      const step = this.#builderPipelineStep(located.builderPipeline, path, index);
      if (step) return step;
    }
    const segment = path[index]!;
    for (const expression of located.inner) {
      const next = this.#descend(expression, segment);
      if (next) return { located: next, consumed: 1 };
    }
    return undefined;
  }

  #builderPipelineStep(pipeline: PipelineSite, path: ReadonlyArray<Segment>, index: number): { located: Located; consumed: number } | undefined {
    const segment = path[index];
    const next = path[index + 1];
    if (segment === "id") return { located: this.#at(pipeline.anchor), consumed: 1 };
    if (segment === "tasks" && next !== undefined) {
      const task = typeof next === "number" ? pipeline.tasks[next] : this.#findTask(pipeline, next);
      return task ? { located: this.#taskRegion(task), consumed: 2 } : undefined;
    }
    if (segment === "overrides" && typeof next === "string") {
      const located = this.#methodRegion(pipeline.methods.filter((method) => method.name === next), false);
      return located ? { located, consumed: 2 } : undefined;
    }
    return undefined;
  }

  /** A builder task's path starts with a method of its chain (or `action`, its second argument). */
  #builderTaskStep(task: TaskSite, path: ReadonlyArray<Segment>, index: number): { located: Located; consumed: number } | undefined {
    const { taskCall, methods } = task.builder!;
    const segment = path[index];
    const next = path[index + 1];
    if (segment === "id") return { located: this.#at(task.anchor), consumed: 1 };
    if (segment === "action") {
      const action = taskCall.arguments[1];
      return action ? { located: { anchor: action, scope: [action], inner: [action] }, consumed: 1 } : undefined;
    }
    if (typeof segment !== "string") return undefined;
    const overrides = segment === "overrides" && typeof next === "string" && OVERRIDE_TARGETS.has(next);
    const name = overrides ? next : segment;
    const calls = methods.filter((method) => method.name === name);
    if (calls.length === 0) return undefined;
    if (segment === "retries" && next === "count") {
      const count = calls[calls.length - 1]!.call.arguments[0];
      return count ? { located: this.#at(count), consumed: 2 } : undefined;
    }
    if (VARIADIC_METHODS.has(segment) && typeof next === "number") {
      const argument = calls.flatMap((method) => [...method.call.arguments])[next];
      return argument ? { located: this.#at(argument), consumed: 2 } : undefined;
    }
    const located = this.#methodRegion(calls, VARIADIC_METHODS.has(segment));
    if (!located) return undefined;
    // `.retries(count, options)`: every field but `count` is in the options.
    const inner = segment === "retries" ? calls.flatMap((method) => method.call.arguments.slice(1)).reverse() : located.inner;
    return { located: { ...located, inner }, consumed: overrides ? 2 : 1 };
  }

  /** Points at the argument of the call that decides the value (the last one, or the first of a list that adds up). */
  #methodRegion(calls: ReadonlyArray<MethodCall>, variadic: boolean): Located | undefined {
    const decisive = variadic ? calls[0] : calls[calls.length - 1];
    if (!decisive) return undefined;
    const anchor = decisive.call.arguments[0] ?? decisive.nameNode;
    const scope = calls.flatMap((method) => (method.call.arguments.length > 0 ? [...method.call.arguments] : [method.nameNode]));
    // Later calls win when they merge objects (`.env()`), so they are walked first.
    const inner = calls.flatMap((method) => method.call.arguments.slice(0, 1)).reverse();
    return { anchor, scope: variadic ? scope : [anchor, ...scope], inner };
  }

  #at(node: ts.Node): Located {
    return { anchor: node, scope: [node], inner: [] };
  }

  #descend(expression: ts.Expression, segment: Segment): Located | undefined {
    const ts = this.#ts;
    const node = this.#resolve(expression);
    if (ts.isObjectLiteralExpression(node)) {
      const property = typeof segment === "number" ? node.properties[segment] : this.#findProperty(node, segment);
      if (!property) return undefined;
      const value = this.#propertyValue(property);
      return { anchor: property, scope: [property], inner: value ? [value] : [] };
    }
    if (ts.isArrayLiteralExpression(node)) {
      const element =
        typeof segment === "number"
          ? node.elements[segment]
          : node.elements.find((item) => {
              const object = this.#resolve(item);
              const id = ts.isObjectLiteralExpression(object) ? this.#findProperty(object, "id") : undefined;
              const idValue = id ? this.#propertyValue(id) : undefined;
              return idValue !== undefined && this.#stringValue(idValue) === segment;
            });
      return element ? { anchor: element, scope: [element], inner: [element] } : undefined;
    }
    if (ts.isCallExpression(node)) return this.#descendCall(node, segment);
    if (ts.isTaggedTemplateExpression(node)) {
      if (segment === "kind") return this.#at(node.tag);
      // `["command", "interpolation", n]`: the n-th `${…}` of a `sh` template (0-based).
      const spans = ts.isTemplateExpression(node.template) ? node.template.templateSpans : [];
      const span = typeof segment === "number" ? spans[segment] : undefined;
      if (span) return this.#at(span.expression);
      return { anchor: node.template, scope: [node.template], inner: [node] };
    }
    return undefined;
  }

  #descendCall(call: ts.CallExpression, segment: Segment): Located | undefined {
    const ts = this.#ts;
    if (segment === "kind") return this.#at(call.expression);
    const name = this.#calleeName(call);
    const slot = typeof segment === "string" && name !== undefined ? HELPER_ARGUMENTS[name]?.[segment] : undefined;
    if (slot) {
      const argument = call.arguments[slot.argument];
      if (argument) {
        if (slot.property === undefined) return { anchor: argument, scope: [argument], inner: [argument] };
        const inside = this.#descend(argument, slot.property);
        if (inside) return inside;
      }
    } else {
      // Unknown helpers usually take their fields in an options object.
      for (let index = call.arguments.length - 1; index >= 0; index--) {
        const argument = call.arguments[index]!;
        if (!ts.isObjectLiteralExpression(this.#resolve(argument))) continue;
        const inside = this.#descend(argument, segment);
        if (inside) return inside;
      }
      const argument = typeof segment === "number" ? call.arguments[segment] : undefined;
      if (argument) return { anchor: argument, scope: [argument], inner: [argument] };
    }
    // The call builds the value, so its first argument is the nearest thing the user wrote.
    const first = call.arguments[0];
    return first ? this.#at(first) : this.#at(call);
  }

  // --- syntax helpers -------------------------------------------------------------------------

  /** Follows parentheses, type assertions and `const` identifiers to the expression that holds the value. */
  #resolve(expression: ts.Expression): ts.Expression {
    const ts = this.#ts;
    let current = expression;
    const seen = new Set<string>();
    for (let depth = 0; depth < MAX_RESOLVE_DEPTH; depth++) {
      current = unwrap(ts, current);
      if (!ts.isIdentifier(current) || seen.has(current.text)) return current;
      const initializer = this.#variables.get(current.text);
      if (!initializer) return current;
      seen.add(current.text);
      current = initializer;
    }
    return current;
  }

  /** A template literal's text parts (`\`a${x}b\`` → ["a", "b"]), or undefined for anything else. */
  #templateParts(expression: ts.Expression): ReadonlyArray<string> | undefined {
    const ts = this.#ts;
    const node = unwrap(ts, expression);
    if (!ts.isTemplateExpression(node)) return undefined;
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
  }

  #stringValue(expression: ts.Expression): string | undefined {
    const node = this.#resolve(expression);
    return this.#ts.isStringLiteralLike(node) ? node.text : undefined;
  }

  #propertyName(property: ts.ObjectLiteralElementLike): string | undefined {
    const ts = this.#ts;
    const name = property.name;
    if (!name) return undefined;
    if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
    if (ts.isComputedPropertyName(name)) {
      const key = unwrap(ts, name.expression);
      if (ts.isStringLiteralLike(key) || ts.isNumericLiteral(key)) return key.text;
    }
    return undefined;
  }

  /** The property named `name`; the last one wins, as in JavaScript, spreads included. */
  #findProperty(object: ts.ObjectLiteralExpression, name: string, depth = 0): ts.ObjectLiteralElementLike | undefined {
    const ts = this.#ts;
    for (let index = object.properties.length - 1; index >= 0; index--) {
      const property = object.properties[index]!;
      if (ts.isSpreadAssignment(property)) {
        const spread = depth < MAX_RESOLVE_DEPTH ? this.#resolve(property.expression) : undefined;
        const found = spread && ts.isObjectLiteralExpression(spread) ? this.#findProperty(spread, name, depth + 1) : undefined;
        if (found) return found;
      } else if (this.#propertyName(property) === name) {
        return property;
      }
    }
    return undefined;
  }

  #propertyValue(property: ts.ObjectLiteralElementLike): ts.Expression | undefined {
    const ts = this.#ts;
    if (ts.isPropertyAssignment(property)) return property.initializer;
    if (ts.isShorthandPropertyAssignment(property)) return property.name;
    return undefined;
  }

  /**
   * The first node spelling `value` in source order: a string literal, a property name (an
   * environment's `catalog:` key, `p.catalog`), or a task handle whose task has that id.
   */
  #findValue(scope: ReadonlyArray<ts.Node>, value: string): ts.Node | undefined {
    const ts = this.#ts;
    for (const root of scope) {
      for (const node of this.#descendants(root)) {
        if (ts.isStringLiteralLike(node) && node.text === value) return node;
        if (!ts.isIdentifier(node)) continue;
        const parent = node.parent;
        const isName =
          parent !== undefined &&
          (((ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent) || ts.isPropertyAccessExpression(parent)) &&
            parent.name === node) ||
            (ts.isMethodDeclaration(parent) && parent.name === node));
        if (isName ? node.text === value : this.#taskIdOfVariable.get(node.text) === value) return node;
      }
    }
    return undefined;
  }
}

/** Whether `id` could come from a template with these literal parts: it starts with the first, ends with the last, and holds the rest in order. */
function fitsTemplate(id: string, parts: ReadonlyArray<string>): boolean {
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!id.startsWith(first) || id.length < first.length + last.length || !id.endsWith(last)) return false;
  let from = first.length;
  for (const part of parts.slice(1, -1)) {
    const at = id.indexOf(part, from);
    if (at === -1 || at + part.length > id.length - last.length) return false;
    from = at + part.length;
  }
  return true;
}

const literalLength = (pipeline: PipelineSite): number => (pipeline.idParts ?? []).reduce((sum, part) => sum + part.length, 0);

function unwrap(typescript: TypeScriptApi, expression: ts.Expression): ts.Expression {
  let current = expression;
  while (
    typescript.isParenthesizedExpression(current) ||
    typescript.isAsExpression(current) ||
    typescript.isSatisfiesExpression(current) ||
    typescript.isNonNullExpression(current) ||
    typescript.isTypeAssertionExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

function scriptKind(typescript: TypeScriptApi, fileName: string): ts.ScriptKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".tsx")) return typescript.ScriptKind.TSX;
  if (lower.endsWith(".jsx")) return typescript.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(lower)) return typescript.ScriptKind.JS;
  return typescript.ScriptKind.TS;
}

/** Parses a TypeScript or JavaScript file once; the returned function locates any number of subjects in it. */
export function createTypeScriptLocator(typescript: TypeScriptApi, sourceText: string, fileName: string): (subject: DiagnosticSubject) => LineColumn {
  try {
    const locator = new TypeScriptLocator(typescript, sourceText, fileName);
    return (subject) => locator.locate(subject);
  } catch {
    return () => FILE_START;
  }
}

/**
 * Where `subject` sits in a TypeScript pipeline file, by syntax alone (no type-checking). Pass the
 * API from `loadTypeScript()`.
 */
export function locateInTypeScript(sourceText: string, fileName: string, subject: DiagnosticSubject, typescript: TypeScriptApi): LineColumn {
  return createTypeScriptLocator(typescript, sourceText, fileName)(subject);
}
