import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import type { DiagnosticSubject } from "../diagnostics/diagnostic.js";
import { FILE_START, type LineColumn } from "./position.js";

type Segment = string | number;

/** A region of the document: where to point, where to look for `value`, what later segments walk into. */
interface Located {
  readonly anchor: unknown;
  readonly scope: ReadonlyArray<unknown>;
  readonly inner: unknown;
}

const startOf = (node: unknown): number | undefined => {
  if (isScalar(node) || isMap(node) || isSeq(node) || isAlias(node)) return node.range?.[0];
  return undefined;
};

const scalarText = (node: unknown): string | undefined =>
  isScalar(node) && (typeof node.value === "string" || typeof node.value === "number" || typeof node.value === "boolean")
    ? String(node.value)
    : undefined;

/** JSON/YAML hold one pipeline as a document; a list of pipelines is tolerated for symmetry with TypeScript files. */
class DataFileLocator {
  readonly #document: Document.Parsed;
  readonly #lines: LineCounter;
  readonly #tasksByPipeline = new Map<object, Map<string, Located>>();

  constructor(sourceText: string) {
    this.#lines = new LineCounter();
    // Duplicate keys and other errors must not stop us from pointing at what did parse.
    this.#document = parseDocument(sourceText, { lineCounter: this.#lines, uniqueKeys: false, prettyErrors: false });
  }

  locate(subject: DiagnosticSubject): LineColumn {
    let best: LineColumn = FILE_START;
    try {
      const pipeline = this.#findPipeline(subject.pipelineId);
      if (!pipeline) return best;
      let located: Located = pipeline;
      best = this.#position(located.anchor) ?? best;
      if (subject.taskId !== undefined) {
        const task = this.#findTask(pipeline.inner, subject.taskId);
        if (!task) return best;
        located = task;
        best = this.#position(located.anchor) ?? best;
      }
      for (const segment of subject.path ?? []) {
        const next = this.#descend(located.inner, segment);
        if (!next) break;
        located = next;
        best = this.#position(located.anchor) ?? best;
      }
      if (subject.value !== undefined) {
        for (const node of located.scope) {
          const found = this.#findValue(node, subject.value);
          if (found !== undefined) return this.#position(found) ?? best;
        }
      }
      return best;
    } catch {
      return best;
    }
  }

  #position(node: unknown): LineColumn | undefined {
    const offset = startOf(node);
    if (offset === undefined) return undefined;
    const { line, col } = this.#lines.linePos(offset);
    return line === 0 ? FILE_START : { line, column: col };
  }

  #resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.#document) : node;
  }

  #pair(map: unknown, key: string) {
    const resolved = this.#resolve(map);
    if (!isMap(resolved)) return undefined;
    return resolved.items.find((pair) => scalarText(pair.key) === key);
  }

  #idOf(node: unknown): string | undefined {
    return scalarText(this.#resolve(this.#pair(node, "id")?.value));
  }

  #findPipeline(pipelineId: string | undefined): Located | undefined {
    const root = this.#resolve(this.#document.contents);
    const asPipeline = (map: unknown): Located => {
      const idNode = this.#pair(map, "id")?.value;
      const anchor = startOf(idNode) === undefined ? map : idNode;
      return { anchor, scope: [anchor, map], inner: map };
    };
    if (isMap(root)) {
      const id = this.#idOf(root);
      // A file is one pipeline; only a different, readable id says the subject is elsewhere.
      return pipelineId !== undefined && id !== undefined && id !== pipelineId ? undefined : asPipeline(root);
    }
    if (isSeq(root)) {
      const match = root.items.find((item) => pipelineId !== undefined && this.#idOf(item) === pipelineId);
      if (match) return asPipeline(this.#resolve(match));
      const maps = root.items.map((item) => this.#resolve(item)).filter((item) => isMap(item));
      return pipelineId === undefined && maps.length === 1 ? asPipeline(maps[0]) : undefined;
    }
    return undefined;
  }

  #findTask(pipeline: unknown, taskId: string): Located | undefined {
    if (typeof pipeline !== "object" || pipeline === null) return undefined;
    let tasks = this.#tasksByPipeline.get(pipeline);
    if (!tasks) {
      tasks = this.#indexTasks(pipeline);
      this.#tasksByPipeline.set(pipeline, tasks);
    }
    return tasks.get(taskId);
  }

  /** Tasks by id, built once per pipeline: a large file's diagnostics would otherwise each scan every task. */
  #indexTasks(pipeline: unknown): Map<string, Located> {
    const index = new Map<string, Located>();
    const add = (id: string | undefined, located: Located | undefined) => {
      if (id !== undefined && located && !index.has(id)) index.set(id, located);
    };
    const tasks = this.#resolve(this.#pair(pipeline, "tasks")?.value);
    if (isMap(tasks)) {
      for (const pair of tasks.items) add(scalarText(pair.key), this.#fromPair(pair));
    } else if (isSeq(tasks)) {
      for (const element of tasks.items) {
        const idNode = this.#pair(element, "id")?.value;
        const anchor = startOf(idNode) === undefined ? element : idNode;
        add(scalarText(this.#resolve(idNode)), { anchor, scope: [anchor, element], inner: element });
      }
    }
    return index;
  }

  #fromPair(pair: unknown): Located | undefined {
    if (!isPair(pair)) return undefined;
    const anchor = startOf(pair.key) === undefined ? pair.value : pair.key;
    return { anchor, scope: [pair.key, pair.value], inner: pair.value };
  }

  #descend(node: unknown, segment: Segment): Located | undefined {
    const resolved = this.#resolve(node);
    if (isMap(resolved)) {
      // A numeric segment on a map is its n-th entry: how the checker names keyed tasks after normalizing them to a list.
      const pair =
        typeof segment === "number" ? resolved.items[segment] : resolved.items.find((item) => scalarText(item.key) === segment);
      return this.#fromPair(pair);
    }
    if (isSeq(resolved)) {
      const element =
        typeof segment === "number" ? resolved.items[segment] : resolved.items.find((item) => this.#idOf(item) === segment);
      return element === undefined ? undefined : { anchor: element, scope: [element], inner: element };
    }
    return undefined;
  }

  /** The first scalar (key or value) spelling `value`, in document order. */
  #findValue(root: unknown, value: string): unknown {
    const stack: unknown[] = [root];
    while (stack.length > 0) {
      const node = stack.pop();
      if (isScalar(node)) {
        if (scalarText(node) === value) return node;
      } else if (isPair(node)) {
        stack.push(node.value, node.key);
      } else if (isMap(node) || isSeq(node)) {
        for (let index = node.items.length - 1; index >= 0; index--) stack.push(node.items[index]);
      }
    }
    return undefined;
  }
}

/** Parses a JSON or YAML file once; the returned function locates any number of subjects in it. */
export function createDataFileLocator(sourceText: string): (subject: DiagnosticSubject) => LineColumn {
  try {
    const locator = new DataFileLocator(sourceText);
    return (subject) => locator.locate(subject);
  } catch {
    return () => FILE_START;
  }
}

/** Where `subject` sits in a JSON or YAML pipeline file (JSON is parsed as YAML, which it is). */
export function locateInDataFile(sourceText: string, subject: DiagnosticSubject): LineColumn {
  return createDataFileLocator(sourceText)(subject);
}
