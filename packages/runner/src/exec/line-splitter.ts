/** Longest piece of one line held in memory: a longer line is passed on in pieces of this size. */
export const MAX_LINE_BYTES = 1024 * 1024;

export interface OutputPiece {
  /** The bytes, without the newline. */
  readonly bytes: Buffer;
  /** False for a piece of a line longer than the limit: the line goes on in the next piece. */
  readonly endsLine: boolean;
}

/** The pieces of `bytes` between its `\n`s: each line that ends in one, then what follows the last (maybe empty). */
export function splitAtNewlines(bytes: Buffer): Buffer[] {
  const pieces: Buffer[] = [];
  let start = 0;
  for (let newline = bytes.indexOf(0x0a); newline >= 0; newline = bytes.indexOf(0x0a, start)) {
    pieces.push(bytes.subarray(start, newline));
    start = newline + 1;
  }
  pieces.push(bytes.subarray(start));
  return pieces;
}

/**
 * Cuts a task's output into lines. Each byte is looked at once and copied once (a line arriving in
 * many reads is joined only when it ends), and a line without a newline is passed on in pieces of
 * `maxLineBytes`, cut between UTF-8 characters, so neither time nor memory grows with it.
 */
export class LineSplitter {
  #parts: Buffer[] = [];
  #partLength = 0;

  constructor(private readonly maxLineBytes = MAX_LINE_BYTES) {}

  push(chunk: Buffer): OutputPiece[] {
    const lines = splitAtNewlines(chunk);
    const rest = lines.pop()!;
    const pieces: OutputPiece[] = lines.map((line) => ({ bytes: this.#take(line), endsLine: true }));
    if (rest.length > 0) {
      // Copied: the pipe's buffer is reused by the next read.
      this.#parts.push(Buffer.from(rest));
      this.#partLength += rest.length;
    }
    while (this.#partLength >= this.maxLineBytes) pieces.push({ bytes: this.#cutLongLine(), endsLine: false });
    return pieces;
  }

  /** What is left when the process has ended (a last line without a newline). */
  end(): OutputPiece[] {
    return this.#partLength === 0 ? [] : [{ bytes: this.#take(Buffer.alloc(0)), endsLine: true }];
  }

  #take(last: Buffer): Buffer {
    if (this.#parts.length === 0) return last;
    const whole = Buffer.concat([...this.#parts, last]);
    this.#parts = [];
    this.#partLength = 0;
    return whole;
  }

  #cutLongLine(): Buffer {
    const whole = Buffer.concat(this.#parts);
    let cut = this.maxLineBytes;
    // Back to the first byte of a UTF-8 character (continuation bytes are 10xxxxxx), at most 3 bytes.
    for (let back = 0; back < 3 && cut > 0 && (whole[cut]! & 0xc0) === 0x80; back++) cut--;
    if ((whole[cut]! & 0xc0) === 0x80) cut = this.maxLineBytes;
    const rest = whole.subarray(cut);
    this.#parts = rest.length === 0 ? [] : [rest];
    this.#partLength = rest.length;
    return whole.subarray(0, cut);
  }
}
