// Output without newlines: the runner holds at most MAX_LINE_BYTES of one line and passes a longer
// line on in pieces (cut between UTF-8 characters), while the log file keeps the bytes whole. Time
// is not asserted here; test/bench/runner-output.mjs measures it (10/40/400 MB).
import { describe, it } from "vitest";
import { LineSplitter, MAX_LINE_BYTES } from "../../packages/runner/src/exec/line-splitter.js";
import { makePlan, outputOf, useSandboxes } from "../runner/runner-harness.js";

const sandbox = useSandboxes();
const MiB = 1024 * 1024;

describe("local runner output without newlines", () => {
  it("a 3 MiB line of 2-byte characters reaches the console in pieces of at most 1 MiB, each whole UTF-8, and the log whole", async ({ expect }) => {
    // 1.5 Mi of "é" (2 bytes each), no newline: 3 MiB, then a short line.
    const box = sandbox(makePlan("output_without_newlines", { flood: { script: `head -c ${1.5 * MiB} /dev/zero | tr '\\0' '\\001' | sed 's/\\x01/é/g'; echo; echo after` } }));
    const result = await box.run(["--json"]);
    expect(result.code, outputOf(result)).toBe(0);
    const pieces = result.stdout
      .split("\n")
      .filter((line) => line.includes('"type":"output"'))
      .map((line) => (JSON.parse(line) as { line: string }).line);
    const sizes = pieces.map((piece) => Buffer.byteLength(piece));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_LINE_BYTES);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(3 * MiB + "after".length);
    expect(pieces.every((piece) => !piece.includes("\uFFFD"))).toBe(true);
    expect(pieces.at(-1)).toBe("after");
    const log = box.readBytes(`.orchc/runs/${box.latestRunId()!}/logs/flood.1.log`);
    expect(log.length).toBe(3 * MiB + "\nafter\n".length);
    expect(log.toString("utf8")).toBe(`${"é".repeat(1.5 * MiB)}\nafter\n`);
  });

  it("the splitter holds no more than its limit however many chunks arrive without a newline", ({ expect }) => {
    const splitter = new LineSplitter(1000);
    const chunk = Buffer.alloc(300, "x");
    let passedOn = 0;
    for (let index = 0; index < 1000; index++) {
      for (const piece of splitter.push(chunk)) {
        expect(piece.endsLine).toBe(false);
        expect(piece.bytes.length).toBe(1000);
        passedOn += piece.bytes.length;
      }
      // What is still held: all that arrived, less what was passed on.
      expect((index + 1) * 300 - passedOn).toBeLessThan(1000);
    }
    const rest = splitter.end().reduce((sum, piece) => sum + piece.bytes.length, 0);
    expect(passedOn + rest).toBe(300_000);
  });
});
