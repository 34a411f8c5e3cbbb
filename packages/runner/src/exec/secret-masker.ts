import { splitAtNewlines } from "./line-splitter.js";

/** Values shorter than this are not masked: hiding every "1" would hide everything. */
export const MIN_MASKED_LENGTH = 3;

const MASK = Buffer.from("***");
const EMPTY = Buffer.alloc(0);

/** Without its trailing `\r`s. */
function withoutCarriageReturns(value: Buffer): Buffer {
  let end = value.length;
  while (end > 0 && value[end - 1] === 0x0d) end--;
  return value.subarray(0, end);
}

/** What a masker looks for: computed once for a run's secrets, shared by every attempt's masker. */
export interface MaskPatterns {
  /** Longest first, so the longest match at one place wins. */
  readonly patterns: ReadonlyArray<Buffer>;
  readonly longest: number;
  /** The patterns by their first byte; undefined where none starts, so no secret begins there. */
  readonly byFirstByte: ReadonlyArray<ReadonlyArray<Buffer> | undefined>;
}

/**
 * What to hide for each secret: its bytes whole (a trailing `\r` or newline included), and, for a
 * value of several lines, each line alone with and without its `\r`, since tools print a PEM key
 * or a token file line by line. A value is text (UTF-8) or the raw bytes of the environment.
 */
export function maskPatterns(secrets: ReadonlyArray<string | Buffer>): MaskPatterns {
  const seen = new Map<string, Buffer>();
  for (const secret of secrets) {
    const value = typeof secret === "string" ? Buffer.from(secret, "utf8") : secret;
    for (const piece of [value, ...splitAtNewlines(value)]) {
      for (const pattern of [piece, withoutCarriageReturns(piece)]) if (pattern.length >= MIN_MASKED_LENGTH) seen.set(pattern.toString("latin1"), pattern);
    }
  }
  const patterns = [...seen.values()].sort((a, b) => b.length - a.length);
  const byFirstByte = new Array<Buffer[] | undefined>(256).fill(undefined);
  for (const pattern of patterns) (byFirstByte[pattern[0]!] ??= []).push(pattern);
  return { patterns, longest: patterns[0]?.length ?? 0, byFirstByte };
}

/**
 * Replaces secret values by `***` in a byte stream, before it is cut into lines: a value holding
 * newlines, ending in `\r`, or split across two reads of the pipe is found all the same. Only the
 * bytes that could still begin a secret are held back (at most the longest secret's length), so
 * output is not delayed and memory stays bounded.
 */
export class SecretMasker {
  readonly #patterns: MaskPatterns["patterns"];
  readonly #longest: number;
  readonly #byFirstByte: MaskPatterns["byFirstByte"];
  #held: Buffer = EMPTY;

  constructor(patterns: MaskPatterns) {
    this.#patterns = patterns.patterns;
    this.#longest = patterns.longest;
    this.#byFirstByte = patterns.byFirstByte;
  }

  /** The masked bytes of this chunk that can be passed on now. */
  push(chunk: Buffer): Buffer {
    if (this.#longest === 0) return chunk;
    const data = this.#held.length === 0 ? chunk : Buffer.concat([this.#held, chunk]);
    // A match starting here or later might be the start of a longer secret not fully read yet.
    const settled = Math.max(0, data.length - this.#longest + 1);
    const { parts, end } = this.#mask(data, settled);
    const keep = this.#holdFrom(data, Math.max(end, settled));
    parts.push(data.subarray(end, keep));
    this.#held = Buffer.from(data.subarray(keep));
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  /** What was held back, masked: the stream has ended. */
  end(): Buffer {
    const data = this.#held;
    this.#held = EMPTY;
    const { parts, end } = this.#mask(data, data.length);
    parts.push(data.subarray(end));
    return Buffer.concat(parts);
  }

  /**
   * Masks every match starting before `limit` (leftmost first, the longest at one place); `end`:
   * where unmasked bytes resume. One native indexOf per pattern beats a byte-by-byte pass in
   * JavaScript (by about 7 times on typical output, measured), so that is what it does.
   */
  #mask(data: Buffer, limit: number): { parts: Buffer[]; end: number } {
    const parts: Buffer[] = [];
    const next = this.#patterns.map((pattern) => data.indexOf(pattern));
    let end = 0;
    for (;;) {
      let best = -1;
      for (let index = 0; index < next.length; index++) {
        const at = next[index]!;
        if (at >= 0 && at < limit && (best < 0 || at < next[best]!)) best = index;
      }
      if (best < 0) return { parts, end };
      parts.push(data.subarray(end, next[best]!), MASK);
      end = next[best]! + this.#patterns[best]!.length;
      for (let index = 0; index < next.length; index++) if (next[index]! >= 0 && next[index]! < end) next[index] = data.indexOf(this.#patterns[index]!, end);
    }
  }

  /** The first place at or after `from` where what remains could still be (the start of) a secret. */
  #holdFrom(data: Buffer, from: number): number {
    for (let at = from; at < data.length; at++) {
      const candidates = this.#byFirstByte[data[at]!];
      if (candidates === undefined) continue;
      const rest = data.length - at;
      for (const pattern of candidates) {
        const length = Math.min(rest, pattern.length);
        if (data.compare(pattern, 0, length, at, at + length) === 0) return at;
      }
    }
    return data.length;
  }
}
