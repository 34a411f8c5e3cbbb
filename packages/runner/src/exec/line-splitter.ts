import { StringDecoder } from "node:string_decoder";

/**
 * Cuts a task's output into lines (a UTF-8 character split across chunks stays whole) and hides
 * secret values in them, as CI systems do, before anything is logged or printed.
 */
export class LineSplitter {
  readonly #decoder = new StringDecoder("utf8");
  #partial = "";

  readonly #secrets: ReadonlyArray<string>;

  /** Values shorter than 3 characters are not masked: hiding every "1" would hide everything. */
  constructor(secrets: ReadonlyArray<string>) {
    // Output is masked line by line, so a secret spanning lines (a PEM key) is masked a line at a time.
    const pieces = secrets.flatMap((secret) => secret.split(/\r?\n/));
    this.#secrets = [...new Set(pieces)].filter((piece) => piece.length >= 3).sort((a, b) => b.length - a.length);
  }

  /** The complete lines in this chunk, masked. */
  push(chunk: Buffer): string[] {
    const text = this.#partial + this.#decoder.write(chunk);
    const lines = text.split("\n");
    this.#partial = lines.pop()!;
    return lines.map((line) => this.#mask(line));
  }

  /** What is left when the process has ended (a last line without a newline). */
  end(): string[] {
    const rest = this.#partial + this.#decoder.end();
    this.#partial = "";
    return rest === "" ? [] : [this.#mask(rest)];
  }

  #mask(line: string): string {
    let masked = line.endsWith("\r") ? line.slice(0, -1) : line;
    for (const secret of this.#secrets) if (masked.includes(secret)) masked = masked.split(secret).join("***");
    return masked;
  }
}
