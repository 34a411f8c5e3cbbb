// Opens the HTML report `orchc run --report` writes in real headless Chromium: the DOM the browser
// parsed (not our own string) must hold the bars, rows, badge and the hostile strings as text; a
// probe script measures the layout for 1, 5 and 300 tasks; and a 1280×900 screenshot must be a
// real, non-blank picture with the bar colours in it. The pages and .cache/report/run.png are kept
// for people to look at.
//
// Needs scripts/provision-chromium.sh; skips without it.
import { spawnSync } from "node:child_process";
import { accessSync, constants, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { renderHtmlReport } from "../../packages/runner/src/report/html-report.js";
import { OUTCOME_COLORS } from "../../packages/runner/src/report/report-palette.js";
import type { RunEvent } from "../../packages/runner/src/store/run-events.js";
import { failedRun, HOSTILE_NAME, HOSTILE_PARAM, HOSTILE_REASON, manyTasksRun, OPTIONAL, recordOf, T0, TASKS } from "../unit/runner/run-event-fixtures.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const outDir = join(root, ".cache", "report");
const WIDTH = 1280;
const HEIGHT = 900;

function chromiumBinary(): string | null {
  const candidates = [...(process.env.PATH ?? "").split(delimiter).filter((dir) => dir !== "").map((dir) => join(dir, "chromium")), "/usr/bin/chromium"];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here; try the next one, as a shell lookup would.
    }
  }
  return null;
}

const chromium = chromiumBinary();
if (chromium === null) console.warn("[conformance] HTML report tests skipped: no chromium on PATH: run `scripts/provision-chromium.sh`");

function runChromium(args: ReadonlyArray<string>): string {
  const result = spawnSync(chromium as string, ["--headless", "--no-sandbox", "--disable-gpu", `--window-size=${WIDTH},${HEIGHT}`, ...args], {
    encoding: "utf8",
    timeout: 90_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`chromium ${args.join(" ")} exited ${result.status} (${result.signal ?? "no signal"}):\n${result.stderr}`);
  return result.stdout;
}

const dumpDom = (file: string) => runChromium(["--dump-dom", pathToFileURL(file).href]);

function writePage(name: string, events: ReadonlyArray<RunEvent>, taskOrder: ReadonlyArray<string>, generatedAt = T0 + 600_000): string {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, name);
  writeFileSync(file, renderHtmlReport(recordOf(events), { taskOrder, optional: OPTIONAL, generatedAt }));
  return file;
}

/** Chromium serialises text with &, < and > escaped (and U+00A0 as &nbsp;). */
const textOf = (serialised: string) => serialised.replaceAll("&nbsp;", "\u00a0").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
const count = (dom: string, pattern: RegExp) => dom.match(pattern)?.length ?? 0;

// Measures what Chromium laid out and leaves the numbers in the DOM for --dump-dom to show.
const LAYOUT_PROBE = `<script id="layout-probe">
(() => {
  const box = (element) => element.getBoundingClientRect();
  const plot = box(document.querySelector("svg.gantt .plot-area"));
  const problems = [];
  const bars = [...document.querySelectorAll("svg.gantt rect.bar")];
  for (const bar of bars) {
    const b = box(bar);
    const name = bar.dataset.task + "#" + bar.dataset.attempt;
    if (!(b.width > 0 && b.height > 0)) problems.push("empty bar " + name);
    if (b.left < plot.left - 0.5 || b.right > plot.right + 0.5 || b.top < plot.top - 0.5 || b.bottom > plot.bottom + 0.5) problems.push("bar outside the chart " + name);
  }
  for (const label of document.querySelectorAll("svg.gantt .task-label, svg.gantt .optional-tag")) {
    if (box(label).right > plot.left) problems.push("label runs into the chart: " + label.textContent);
  }
  const rowHeights = [...new Set([...document.querySelectorAll("svg.gantt .row-bg")].map((row) => Math.round(box(row).height * 100) / 100))];
  const axis = box(document.querySelector("svg.axis"));
  const gantt = box(document.querySelector("svg.gantt"));
  const ticks = [...document.querySelectorAll("svg.axis .tick-label")].map(box);
  if (ticks.some((tick) => tick.left < axis.left || tick.right > axis.right)) problems.push("tick label cut off");
  const result = {
    bars: bars.length,
    rows: document.querySelectorAll("svg.gantt .row").length,
    rowHeights,
    axisWidth: axis.width,
    ganttWidth: gantt.width,
    ganttHeight: gantt.height,
    scrollWidth: document.documentElement.scrollWidth,
    viewportWidth: document.documentElement.clientWidth,
    axisPosition: getComputedStyle(document.querySelector(".gantt-axis")).position,
    problems,
  };
  const out = document.createElement("pre");
  out.id = "layout-result";
  out.textContent = JSON.stringify(result);
  document.body.append(out);
})();
</script>`;

interface Layout {
  readonly bars: number;
  readonly rows: number;
  readonly rowHeights: number[];
  readonly axisWidth: number;
  readonly ganttWidth: number;
  readonly ganttHeight: number;
  readonly scrollWidth: number;
  readonly viewportWidth: number;
  readonly axisPosition: string;
  readonly problems: string[];
}

const CSP = /<meta http-equiv="Content-Security-Policy"[^>]*>\n/;

/** A copy of the page with the probe added; the report's CSP, which blocks every script, is taken out of the copy only. */
function measure(page: string): Layout {
  const html = readFileSync(page, "utf8");
  expect(html).toMatch(CSP);
  const probed = page.replace(/\.html$/, ".probe.html");
  writeFileSync(probed, html.replace(CSP, "").replace("</body>", `${LAYOUT_PROBE}\n</body>`));
  const result = /<pre id="layout-result">(.*?)<\/pre>/s.exec(dumpDom(probed))?.[1];
  if (result === undefined) throw new Error(`the layout probe left no result in ${probed}`);
  return JSON.parse(textOf(result)) as Layout;
}

interface Png {
  readonly width: number;
  readonly height: number;
  /** RGBA rows, unfiltered. */
  readonly rows: ReadonlyArray<Buffer>;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Decodes an 8-bit, non-interlaced RGB/RGBA PNG: enough for Chromium's screenshots. */
function decodePng(file: Buffer): Png {
  expect(file.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  let offset = 8;
  let header: Buffer | null = null;
  const data: Buffer[] = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString("latin1", offset + 4, offset + 8);
    const body = file.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") header = body;
    if (type === "IDAT") data.push(body);
    offset += 12 + length;
    if (type === "IEND") break;
  }
  if (header === null) throw new Error("no IHDR chunk");
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const [bitDepth, colorType, , , interlace] = [header[8], header[9], header[10], header[11], header[12]];
  expect({ bitDepth, interlace }).toEqual({ bitDepth: 8, interlace: 0 });
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : Number.NaN;
  expect(channels, `colour type ${colorType}`).not.toBeNaN();
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  expect(raw.length).toBe(height * (stride + 1));
  const rows: Buffer[] = [];
  let previous = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? (line[x - channels] as number) : 0;
      const up = previous[x] as number;
      const upLeft = x >= channels ? (previous[x - channels] as number) : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      };
      const predictor = [0, left, up, (left + up) >> 1, filter === 4 ? paeth() : 0][filter as number];
      if (predictor === undefined) throw new Error(`unknown PNG filter ${filter}`);
      line[x] = ((line[x] as number) + predictor) & 0xff;
    }
    const rgba = Buffer.alloc(width * 4);
    for (let x = 0; x < width; x++) {
      line.copy(rgba, x * 4, x * channels, x * channels + 3);
      rgba[x * 4 + 3] = channels === 4 ? (line[x * channels + 3] as number) : 255;
    }
    rows.push(rgba);
    previous = line;
  }
  return { width, height, rows };
}

const rgbOf = (hex: string) => [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16));

describe.skipIf(chromium === null)("the HTML run report in headless Chromium", () => {
  const reportPage = () => writePage("run.html", failedRun(), TASKS);

  it("parses into the bars, rows, table, badge, and the hostile strings as text", () => {
    const dom = dumpDom(reportPage());
    const bars = [...dom.matchAll(/<rect class="bar[^"]*" data-task="([^"]*)" data-attempt="(\d+)" data-outcome="([^"]*)"/g)].map((match) => match.slice(1).join(" "));
    expect(bars.sort()).toEqual([
      "extract 1 success",
      "load_warehouse 1 timed_out",
      "notify_slack 1 failed",
      "transform 1 failed",
      "transform 2 failed",
      "transform 3 success",
    ]);
    expect([...dom.matchAll(/<g class="row[^"]*" data-task="([^"]*)" data-status="([^"]*)"/g)].map((match) => `${match[1]} ${match[2]}`)).toEqual([
      "extract success",
      "transform success",
      "load_warehouse failed",
      "publish_report skipped",
      "notify_slack failed",
    ]);
    expect(count(dom, /<tr class="task-row"/g)).toBe(TASKS.length);
    expect(dom).toMatch(/<span class="badge badge-failed" id="run-status" data-status="failed">FAILED<\/span>/);
    const h1 = /<h1>(.*?)<\/h1>/s.exec(dom)?.[1] ?? "";
    expect(textOf(h1)).toBe(HOSTILE_NAME);
    expect(textOf(/<span class="param-value">(.*?)<\/span>/s.exec(dom.slice(dom.indexOf("note</span>")))?.[1] ?? "")).toBe(HOSTILE_PARAM);
    expect(textOf(dom)).toContain(HOSTILE_REASON);
    expect(dom).not.toMatch(/<script|<b>/i);
    expect(count(dom, /<style>/g)).toBe(1);
  });

  it("lays the timeline out inside the chart, for 1, 5 and 300 tasks", () => {
    const many = manyTasksRun(300);
    const one = manyTasksRun(1);
    const pages = [
      { page: reportPage(), rows: 5, bars: 6 },
      { page: writePage("run-1-task.html", one.events, one.tasks), rows: 1, bars: 1 },
      { page: writePage("run-300-tasks.html", many.events, many.tasks), rows: 300, bars: 300 + many.tasks.filter((_, index) => index % 13 === 5).length },
    ];
    for (const { page, rows, bars } of pages) {
      const layout = measure(page);
      expect(layout.problems, page).toEqual([]);
      expect({ rows: layout.rows, bars: layout.bars }).toEqual({ rows, bars });
      // Fixed-height rows: the chart grows with the task count instead of squeezing rows.
      expect(layout.rowHeights).toHaveLength(1);
      expect(layout.rowHeights[0]).toBeGreaterThanOrEqual(24);
      expect(layout.ganttHeight).toBeCloseTo(rows * (layout.rowHeights[0] as number), 0);
      expect(layout.axisWidth).toBe(layout.ganttWidth);
      expect(layout.axisPosition).toBe("sticky");
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.viewportWidth);
    }
  });

  it("keeps a script slipped into the page inert: its CSP blocks it", () => {
    const page = reportPage();
    const injected = page.replace(/\.html$/, ".csp.html");
    writeFileSync(injected, readFileSync(page, "utf8").replace("</body>", `<script>document.body.dataset.ran = "yes";</script>\n</body>`));
    try {
      const dom = dumpDom(injected);
      expect(dom).toContain("document.body.dataset.ran");
      expect(dom).not.toContain(`data-ran="yes"`);
    } finally {
      rmSync(injected, { force: true });
    }
  });

  it("screenshots at 1280×900 as a real picture with the bars in it", () => {
    const screenshot = join(outDir, "run.png");
    rmSync(screenshot, { force: true });
    runChromium(["--hide-scrollbars", `--screenshot=${screenshot}`, pathToFileURL(reportPage()).href]);
    const png = decodePng(readFileSync(screenshot));
    expect({ width: png.width, height: png.height }).toEqual({ width: WIDTH, height: HEIGHT });

    const distinctRows = new Set(png.rows.map((row) => row.toString("base64")));
    expect(distinctRows.size).toBeGreaterThan(50);
    const colours = new Map<string, number>();
    for (const row of png.rows) {
      for (let x = 0; x < png.width; x++) {
        const key = `${row[x * 4]},${row[x * 4 + 1]},${row[x * 4 + 2]}`;
        colours.set(key, (colours.get(key) ?? 0) + 1);
      }
    }
    expect(colours.size).toBeGreaterThan(100);
    // No colour covers the whole picture, and each kind of bar in the run shows.
    expect(Math.max(...colours.values())).toBeLessThan(png.width * png.height * 0.9);
    for (const outcome of ["success", "failed", "timed_out"] as const) {
      const [r, g, b] = rgbOf(OUTCOME_COLORS[outcome]) as [number, number, number];
      const pixels = [...colours].filter(([key]) => {
        const [pr, pg, pb] = key.split(",").map(Number) as [number, number, number];
        return Math.abs(pr - r) <= 2 && Math.abs(pg - g) <= 2 && Math.abs(pb - b) <= 2;
      });
      expect(pixels.reduce((sum, [, n]) => sum + n, 0), outcome).toBeGreaterThan(200);
    }
  });
});
