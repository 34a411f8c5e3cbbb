import { describe, expect, it } from "vitest";
import { maskPatterns, SecretMasker } from "../../../packages/runner/src/exec/secret-masker.js";

/** Masks `text` fed in the given pieces, and returns what came out (the stream ended). */
function masked(secrets: ReadonlyArray<string | Buffer>, pieces: ReadonlyArray<string>): string {
  const masker = new SecretMasker(maskPatterns(secrets));
  const out = pieces.map((piece) => masker.push(Buffer.from(piece, "utf8")));
  out.push(masker.end());
  return Buffer.concat(out).toString("utf8");
}

/** Every way of cutting `text` in three pieces. */
function everySplit(text: string): string[][] {
  const splits: string[][] = [];
  for (let first = 0; first <= text.length; first++) for (let second = first; second <= text.length; second++) splits.push([text.slice(0, first), text.slice(first, second), text.slice(second)]);
  return splits;
}

describe("SecretMasker", () => {
  const cases: Array<[string, ReadonlyArray<string>, string, string]> = [
    ["one value", ["hunter2"], "x hunter2 y hunter2\n", "x *** y ***\n"],
    ["a trailing \\r", ["tok-en\r"], "a tok-en\r\nb\n", "a ***\nb\n"],
    ["the same value printed without its \\r", ["tok-en\r"], "a tok-en\n", "a ***\n"],
    ["several short lines whole", ["k1\nk2\nk3"], "<k1\nk2\nk3>\n", "<***>\n"],
    ["a multi-line value's lines one by one", ["line-one\nline-two"], "line-two\nline-one\n", "***\n***\n"],
    ["the longest of two overlapping values", ["abc", "abcdef"], "abcdefabc\n", "******\n"],
    ["a near miss passes through", ["secret"], "secre secretive secrets\n", "secre ***ive ***s\n"],
    ["short values are left", ["ab"], "ab abc\n", "ab abc\n"],
    ["multi-byte text", ["pässwörd"], "→ pässwörd ←\n", "→ *** ←\n"],
  ];
  for (const [what, secrets, text, expected] of cases) {
    it(`${what}, wherever the stream is cut`, () => {
      for (const split of everySplit(text)) expect({ split, out: masked(secrets, split) }).toEqual({ split, out: expected });
    });
  }

  it("holds back only what may begin a secret: a line without one is passed on at once", () => {
    const masker = new SecretMasker(maskPatterns(["hunter2"]));
    expect(masker.push(Buffer.from("progress 10%\n")).toString()).toBe("progress 10%\n");
    expect(masker.push(Buffer.from("then hun")).toString()).toBe("then ");
    expect(masker.push(Buffer.from("gry\n")).toString()).toBe("hungry\n");
  });

  it("raw bytes that are not UTF-8", () => {
    const latin1 = Buffer.from("pass\xe9word", "latin1");
    const masker = new SecretMasker(maskPatterns([latin1]));
    expect(Buffer.concat([masker.push(Buffer.concat([Buffer.from("<"), latin1, Buffer.from(">")])), masker.end()]).toString("latin1")).toBe("<***>");
  });
});
