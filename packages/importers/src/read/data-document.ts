import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";

export type DataPath = ReadonlyArray<string | number>;

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A JSON or YAML file read with positions, so every problem can name its line and column. */
export interface DataDocument {
  readonly file: string;
  readonly value: unknown;
  /** Problems that kept the file from parsing, with their positions. */
  readonly syntaxErrors: ReadonlyArray<{ readonly message: string; readonly position: Position }>;
  /** Where the value at `path` starts (with `key`: where its key starts); the nearest enclosing node when the path runs out. */
  positionOf(path: DataPath, options?: { readonly key?: boolean }): Position;
}

const START: Position = { line: 1, column: 1 };

/** JSON is read by the YAML parser too (JSON is YAML 1.2), which reports duplicate keys and keeps ranges. */
export function readDataDocument(file: string, text: string): DataDocument {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number | undefined): Position => (offset === undefined ? START : { line: lines.linePos(offset).line, column: lines.linePos(offset).col });
  const syntaxErrors = document.errors.map((problem) => ({ message: problem.message.split("\n")[0]!, position: at(problem.pos[0]) }));
  let value: unknown;
  try {
    value = syntaxErrors.length === 0 ? document.toJS({ maxAliasCount: 100 }) : undefined;
  } catch (failure) {
    // A "billion laughs" file: the yaml library stops the expansion by throwing.
    if (!(failure instanceof ReferenceError)) throw failure;
    syntaxErrors.push({ message: `the YAML aliases expand too far (${failure.message.toLowerCase()})`, position: START });
  }
  return {
    file,
    value,
    syntaxErrors,
    positionOf(path, options = {}) {
      let node: unknown = document.contents;
      let keyNode: unknown = undefined;
      let best = at((node as Node | null)?.range?.[0]);
      for (const segment of path) {
        if (isSeq(node) && typeof segment === "number") {
          node = node.items[segment];
          keyNode = undefined;
        } else if (isMap(node)) {
          const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
          if (!pair) return best;
          keyNode = pair.key;
          node = pair.value;
        } else {
          return best;
        }
        const target = options.key && keyNode !== undefined && segment === path[path.length - 1] ? keyNode : node;
        const offset = (target as Node | null | undefined)?.range?.[0];
        if (offset === undefined) return best;
        best = at(offset);
      }
      return best;
    },
  };
}
