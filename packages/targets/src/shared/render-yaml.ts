/**
 * The one YAML serializer every orchc target uses.
 *
 * The output must mean the same thing to a YAML 1.1 reader (PyYAML, GitHub Actions, older Go/Java
 * parsers) and to a YAML 1.2 reader, so the emitter uses a deliberately small subset of YAML:
 * block collections, `{}`/`[]` for empty ones, plain scalars only from an allowlist that no 1.1 or
 * 1.2 resolver turns into anything but a string, and double-quoted scalars for everything else.
 * No block scalars, anchors, tags or flow collections with content: each would widen what has to
 * be argued safe. Two exceptions, each provably the same string or node to every reader: literal
 * blocks (`YamlScalar`), and anchors with aliases (`YamlShared`), which only repeat a node verbatim.
 */

export type YamlValue = string | number | boolean | null | YamlScalar | YamlShared | YamlCommented | ReadonlyArray<YamlValue> | { readonly [key: string]: YamlValue | undefined };

export interface RenderYamlOptions {
  /**
   * Lines written as `# line` before the document, e.g. a `yaml-language-server` modeline.
   * orchc's own generated-file header is not passed here: the output layer (renderWithHeader)
   * prepends it to every format alike, and hashes the body this function returns.
   */
  readonly comments?: ReadonlyArray<string>;
  /**
   * How often each shared node stands in the value, when the caller counted while building it (a
   * 10,000-job workflow need not be walked twice); counted here otherwise.
   */
  readonly placements?: ReadonlyMap<YamlShared, number>;
}

// Letters first rules out every number, date, time, sexagesimal, octal and hex form of both YAML
// versions (all start with a digit, a sign or a dot), and `.inf`/`.nan`; what is left to exclude are
// the words the 1.1 and 1.2 resolvers read as booleans or null. `@` is an indicator only as the first
// character, and it is allowed after it so `actions/checkout@v4` stays as people write it.
const PLAIN = /^[A-Za-z_][A-Za-z0-9_./@-]*$/;
// Compared lowercased: the 1.1 spec lists only some casings (`yes`, `Yes`, `YES`), but resolvers differ and quoting costs nothing.
const RESERVED_WORDS = new Set(["y", "n", "yes", "no", "on", "off", "true", "false", "null"]);
const LONGEST_RESERVED_WORD = 5;

// JSON.stringify escapes `"`, `\`, C0 controls and lone surrogates, all with escapes YAML's double-quoted
// style shares with JSON. It leaves these raw: DEL and C1 controls are not printable YAML characters;
// NEL, LS and PS are line breaks to a 1.1 reader and would be folded into spaces; a BOM is not allowed
// inside a 1.2 document; U+FFFE/U+FFFF are not printable; and the bidi controls are valid but would make
// the file display differently from what it says (a reviewer could be shown a different command).
const ESCAPE_AFTER_JSON = /[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/;
const ESCAPE_AFTER_JSON_ALL = new RegExp(ESCAPE_AFTER_JSON.source, "g");
// A comment cannot escape anything, so the same characters (plus every line break and control but the tab,
// and lone surrogates, which JSON.stringify would have escaped) are refused there instead.
const UNSAFE_IN_COMMENT = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]/u;

// YAML caps an implicit key at 1024 characters up to the `:`. Counting UTF-16 units (never fewer than code
// points) including the quotes keeps us at or under what PyYAML and the `yaml` package both accept.
const MAX_IMPLICIT_KEY = 1024;

const unicodeEscape = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

function quote(text: string): string {
  const json = JSON.stringify(text);
  return ESCAPE_AFTER_JSON.test(json) ? json.replace(ESCAPE_AFTER_JSON_ALL, unicodeEscape) : json;
}

// The `yaml` package's 1.1 resolver reads an exponent with no mantissa (`e0`, `E5`) as a float.
const EXPONENT_ONLY = /^[eE][-+]?[0-9]/;

function renderString(text: string): string {
  if (!PLAIN.test(text) || EXPONENT_ONLY.test(text)) return quote(text);
  if (text.length <= LONGEST_RESERVED_WORD && RESERVED_WORDS.has(text.toLowerCase())) return quote(text);
  return text;
}

function renderNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`renderYaml: ${value} is not a finite number; YAML readers disagree on how to spell it`);
  // JSON drops the sign of -0; `-0.0` is a float -0 to both YAML versions.
  if (Object.is(value, -0)) return "-0.0";
  const text = String(value);
  // YAML 1.1 floats need a dot in the mantissa ("1e+21" would read back as a string to PyYAML), and
  // JavaScript always writes the exponent's sign, which 1.1 also requires.
  return text.includes("e") && !text.includes(".") ? text.replace("e", ".0e") : text;
}

type YamlMap = { readonly [key: string]: YamlValue | undefined };

/**
 * A string written with a trailing `# comment` and/or as a literal block (`|`) when that is
 * provably the same string; otherwise it falls back to the quoted form (the comment is kept).
 */
export class YamlScalar {
  constructor(
    readonly value: string,
    readonly options: { readonly comment?: string; readonly block?: boolean } = {},
  ) {}
}

/**
 * A mapping or list with a `# comment` on the line of its key, where linters read a comment about
 * that key (zizmor's `# zizmor: ignore[…]`); a scalar takes YamlScalar's comment instead.
 */
export class YamlCommented {
  constructor(
    readonly comment: string,
    readonly value: ReadonlyArray<YamlValue> | { readonly [key: string]: YamlValue | undefined },
  ) {}
}

/**
 * A node that stands in several places of one document: written in full (with `&name`) where it first
 * appears, then as `*name`. The same instance must be passed each time; equal copies are not merged.
 * A node placed once is written plainly, without an anchor, since linters refuse an unused one.
 * Nothing shared may hold another shared node: a reader's expansion then stays linear.
 */
export class YamlShared {
  constructor(
    readonly name: string,
    readonly value: Exclude<YamlValue, YamlShared>,
  ) {
    if (!ANCHOR_NAME.test(name)) throw new Error(`renderYaml: ${JSON.stringify(name)} is not an anchor name orchc writes`);
  }
}

const ANCHOR_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * The `yaml` package, which many tools read YAML with, refuses by default a node placed more than 100
 * times, its anchor included ("Excessive alias count indicates a resource exhaustion attack"); past
 * that the node is written in full again under a new anchor.
 */
const MAX_ALIASES_PER_ANCHOR = 99;

/**
 * How often each shared node is placed: one walk before writing, stopping at shared nodes. A cycle
 * is left for the writer to report, which names it.
 */
function countShared(value: YamlValue, counts: Map<YamlShared, number>, ancestors = new Set<object>()): void {
  if (typeof value !== "object" || value === null || value instanceof YamlScalar) return;
  if (value instanceof YamlShared) {
    counts.set(value, (counts.get(value) ?? 0) + 1);
    return;
  }
  if (value instanceof YamlCommented) return countShared(value.value, counts, ancestors);
  if (ancestors.has(value)) return;
  ancestors.add(value);
  const items = Array.isArray(value) ? (value as ReadonlyArray<YamlValue>) : Object.values(value as YamlMap);
  for (const item of items) if (item !== undefined) countShared(item, counts, ancestors);
  ancestors.delete(value);
}

interface AnchorState {
  /** The anchor currently aliased, and how many aliases it has had. */
  name: string;
  aliases: number;
}

// A literal block keeps every character as written, so only text that needs no escaping and has no
// whitespace a reader could drop (trailing spaces, a leading space on the first line, extra final newlines).
const BLOCK_UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]|[ \t]\n|\n\n$/u;

/** The header and the indented body (every line ending in a newline), or null when the text cannot be a literal block. */
function renderBlockUncached(text: string, indent: string): { header: string; body: string } | null {
  if (text === "" || text.startsWith(" ") || text.startsWith("\n") || BLOCK_UNSAFE.test(text) || /[ \t]$/.test(text)) return null;
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  const header = text.endsWith("\n") ? "|" : "|-";
  return { header, body: body.split("\n").map((line) => (line === "" ? "\n" : `${indent}${line}\n`)).join("") };
}

// Generated files repeat the same script in many places (a workflow's retry loop in every job): each
// text is checked and indented once per indentation. Bounded so a huge build cannot grow it unseen.
const blockCache = new Map<string, { header: string; body: string } | null>();
const BLOCK_CACHE_LIMIT = 256;

function renderBlock(text: string, indent: string): { header: string; body: string } | null {
  const key = `${indent}\u0000${text}`;
  let rendered = blockCache.get(key);
  if (rendered === undefined) {
    rendered = renderBlockUncached(text, indent);
    if (blockCache.size >= BLOCK_CACHE_LIMIT) blockCache.clear();
    blockCache.set(key, rendered);
  }
  return rendered;
}

function isPlainObject(value: object): value is YamlMap {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function hasEntries(map: YamlMap, keys: ReadonlyArray<string>): boolean {
  for (const key of keys) if (map[key] !== undefined) return true;
  return false;
}

function kindOf(value: unknown): string {
  if (typeof value === "object" && value !== null) return (value.constructor as { name?: string } | undefined)?.name ?? "object";
  return typeof value;
}

/** A key and its `:`; an over-long key is made explicit (`? key`, then `:` on the next line at `indent`). */
function keyHead(prefix: string, key: string, indent: string): string {
  const rendered = renderString(key);
  return rendered.length <= MAX_IMPLICIT_KEY ? `${prefix}${rendered}:` : `${prefix}? ${rendered}\n${indent}:`;
}

// Lines are joined in chunks as they come: keeping every line alive until one final join made the
// garbage collector, copying them between generations, the largest cost on a 10,000-job document.
const LINES_PER_CHUNK = 2048;

class Emitter {
  private readonly chunks: string[] = [];
  private lines: string[] = [];
  // Ancestors only, so a value shared by two branches is fine and a cycle is an error rather than a stack overflow.
  private readonly ancestors = new Set<object>();
  private readonly anchors = new Map<YamlShared, AnchorState>();
  private readonly anchorNames = new Set<string>();

  constructor(private readonly placements: ReadonlyMap<YamlShared, number>) {}

  line(text: string): void {
    this.lines.push(text);
    if (this.lines.length === LINES_PER_CHUNK) {
      this.chunks.push(this.lines.join(""));
      this.lines = [];
    }
  }

  text(): string {
    this.chunks.push(this.lines.join(""));
    return this.chunks.join("");
  }

  /**
   * Writes `value` after `head`, the start of its first line: `key:`, `-` (both already indented) or
   * nothing at the top of the document. A nested collection goes on the next lines at `indent`, except
   * after a dash (`onDashLine`), where its first entry shares the dash line and the rest align under it.
   */
  value(head: string, value: YamlValue, indent: string, onDashLine: boolean): void {
    const gap = head === "" ? "" : " ";
    switch (typeof value) {
      case "string":
        this.line(`${head}${gap}${renderString(value)}\n`);
        return;
      case "number":
        this.line(`${head}${gap}${renderNumber(value)}\n`);
        return;
      case "boolean":
        this.line(`${head}${gap}${value ? "true" : "false"}\n`);
        return;
      case "object": {
        if (value === null) return this.line(`${head}${gap}null\n`);
        if (value instanceof YamlScalar) return this.scalar(head, gap, value, indent);
        if (value instanceof YamlShared) return this.shared(head, gap, value, indent, onDashLine);
        if (value instanceof YamlCommented) {
          if (onDashLine || UNSAFE_IN_COMMENT.test(value.comment) || Object.keys(value.value).length === 0) throw new Error(`renderYaml: comment ${JSON.stringify(value.comment)} can only follow the key of a non-empty collection, on one line`);
          return this.value(`${head} # ${value.comment}`, value.value, indent, false);
        }
        let keys: ReadonlyArray<string> | null = null;
        if (Array.isArray(value)) {
          if (value.length === 0) return this.line(`${head}${gap}[]\n`);
        } else {
          if (!isPlainObject(value)) throw new Error(`renderYaml: cannot render a ${kindOf(value)}; pass plain objects, arrays and scalars`);
          keys = Object.keys(value);
          if (!hasEntries(value, keys)) return this.line(`${head}${gap}{}\n`);
        }
        if (this.ancestors.has(value)) throw new Error("renderYaml: the value contains itself");
        this.ancestors.add(value);
        let lead = indent;
        if (onDashLine) lead = `${head}${gap}`;
        else this.line(`${head}\n`);
        if (keys === null) this.sequence(value as ReadonlyArray<YamlValue>, lead, indent);
        else this.mapping(value as YamlMap, keys, lead, indent);
        this.ancestors.delete(value);
        return;
      }
      default:
        throw new Error(`renderYaml: cannot render a ${kindOf(value)}`);
    }
  }

  private shared(head: string, gap: string, shared: YamlShared, indent: string, onDashLine: boolean): void {
    if ((this.placements.get(shared) ?? 0) < 2) return this.value(head, shared.value, indent, onDashLine);
    const state = this.anchors.get(shared);
    if (state !== undefined && state.aliases < MAX_ALIASES_PER_ANCHOR) {
      state.aliases++;
      return this.line(`${head}${gap}*${state.name}\n`);
    }
    const name = this.freshAnchor(shared.name);
    this.anchors.set(shared, { name, aliases: 0 });
    const value = shared.value;
    // A collection starts on the next line: after a dash, `- &a key: v` would anchor the key, not the mapping.
    this.value(`${head}${gap}&${name}`, value, indent, false);
  }

  private freshAnchor(base: string): string {
    let name = base;
    for (let n = 2; this.anchorNames.has(name); n++) name = `${base}_${n}`;
    this.anchorNames.add(name);
    return name;
  }

  private scalar(head: string, gap: string, scalar: YamlScalar, indent: string): void {
    const comment = scalar.options.comment;
    if (comment !== undefined && UNSAFE_IN_COMMENT.test(comment)) throw new Error(`renderYaml: comment ${JSON.stringify(comment)} holds a line break or a control character`);
    const suffix = comment === undefined ? "" : ` # ${comment}`;
    const block = scalar.options.block ? renderBlock(scalar.value, indent) : null;
    if (block === null) return this.line(`${head}${gap}${renderString(scalar.value)}${suffix}\n`);
    this.line(`${head}${gap}${block.header}${suffix}\n`);
    this.line(block.body);
  }

  // `lead` starts the first line (it may hold a parent's dash); later lines start with `indent`.
  private sequence(items: ReadonlyArray<YamlValue>, lead: string, indent: string): void {
    const inner = `${indent}  `;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item === undefined) throw new Error(`renderYaml: list item ${i} is undefined`);
      this.value(i === 0 ? `${lead}-` : `${indent}-`, item, inner, true);
    }
  }

  private mapping(map: YamlMap, keys: ReadonlyArray<string>, lead: string, indent: string): void {
    const inner = `${indent}  `;
    let prefix = lead;
    for (const key of keys) {
      const value = map[key];
      if (value === undefined) continue;
      this.value(keyHead(prefix, key, indent), value, inner, false);
      prefix = indent;
    }
  }
}

/**
 * Block-style YAML for `value`: 2-space indentation, keys in the object's own order (JavaScript puts
 * integer-like keys such as "10" first whatever the insertion order), undefined map values left out,
 * `{}`/`[]` for empty collections. Strings are plain only when provably read back as the same string by
 * YAML 1.1 and 1.2 readers, otherwise double-quoted on one line. Throws on NaN/Infinity, undefined list
 * items, non-plain objects (Date, Map, class instances) and cycles. The result ends with a newline.
 */
export function renderYaml(value: YamlValue, options?: RenderYamlOptions): string {
  let placements = options?.placements;
  if (placements === undefined) {
    const counted = new Map<YamlShared, number>();
    countShared(value, counted);
    placements = counted;
  }
  const emitter = new Emitter(placements);
  for (const comment of options?.comments ?? []) {
    if (UNSAFE_IN_COMMENT.test(comment)) throw new Error(`renderYaml: comment ${JSON.stringify(comment)} holds a line break or a control character`);
    emitter.line(comment === "" ? "#\n" : `# ${comment}\n`);
  }
  // At the top there is no head, and a collection starts right at column 0 as if after a dash.
  emitter.value("", value, "", true);
  return emitter.text();
}
