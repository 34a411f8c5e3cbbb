import { escapeHtml, truncate } from "./html-escape.js";
import { OUTCOME_COLORS, OUTCOME_LABELS } from "./report-palette.js";
import { statusLabel, type BarModel, type ReportModel, type RowModel } from "./report-model.js";
import { iterationAnchor } from "./report-sections.js";
import { humanDuration, formatTick, timeTicks } from "./time-axis.js";

// viewBox units; both SVGs scale with the page, so at 1280 px one unit is about one pixel.
const WIDTH = 1152;
const LABEL_X = 16;
const PLOT_LEFT = 280;
const PLOT_RIGHT = WIDTH - 36;
const PLOT_WIDTH = PLOT_RIGHT - PLOT_LEFT;
const ROW_HEIGHT = 28;
const BAR_HEIGHT = 16;
const AXIS_HEIGHT = 32;
const MIN_BAR_WIDTH = 2;
const TICK_SPACING = 90;
const OPTIONAL_TAG_WIDTH = 56;
/** A for-each task's iterations drawn in the timeline; the table lists them all. */
const MAX_ITERATION_LINES = 200;

/** A line of the timeline: a task, an iteration under its task, or how many iterations were left out. */
type Line = { readonly row: RowModel } | { readonly task: string; readonly more: number };

function linesOf(rows: ReadonlyArray<RowModel>): Line[] {
  return rows.flatMap((row): Line[] => {
    const shown = row.iterations.slice(0, MAX_ITERATION_LINES).map((iteration) => ({ row: iteration }));
    const more = row.iterations.length - shown.length;
    return [{ row }, ...shown, ...(more > 0 ? [{ task: row.task, more }] : [])];
  });
}

/** `task` or, for an iteration, `task[2] "item"`: what a tooltip names. */
const rowName = (row: RowModel): string => (row.iteration === null ? row.task : `${row.task}[${row.iteration.index}] ${JSON.stringify(row.iteration.item)}`);

const round = (value: number) => Math.round(value * 100) / 100;

function axis(ticks: ReturnType<typeof timeTicks>["ticks"], xOf: (ms: number) => number): string {
  const marks = ticks.map(
    (tick) =>
      `<line class="tick" x1="${xOf(tick.at)}" x2="${xOf(tick.at)}" y1="${AXIS_HEIGHT - 6}" y2="${AXIS_HEIGHT}"/>` +
      `<text class="tick-label" x="${xOf(tick.at)}" y="${AXIS_HEIGHT - 12}">${escapeHtml(tick.label)}</text>`,
  );
  return [
    `<div class="gantt-axis"><svg class="axis" viewBox="0 0 ${WIDTH} ${AXIS_HEIGHT}" width="${WIDTH}" height="${AXIS_HEIGHT}" aria-hidden="true">`,
    `<text class="axis-title" x="${LABEL_X}" y="${AXIS_HEIGHT - 12}">Task</text>`,
    ...marks,
    `<line class="axis-line" x1="0" x2="${WIDTH}" y1="${AXIS_HEIGHT - 0.5}" y2="${AXIS_HEIGHT - 0.5}"/>`,
    `</svg></div>`,
  ].join("");
}

function barTooltip(row: RowModel, bar: BarModel): string {
  const duration = humanDuration(bar.endMs - bar.startMs);
  const lines = [
    `${rowName(row)} — attempt ${bar.attempt} of ${row.bars.length}`,
    `outcome: ${OUTCOME_LABELS[bar.outcome]}`,
    `exit code: ${bar.exitCode ?? "none"}`,
    bar.outcome === "running" ? `running for ${duration}` : `duration: ${duration}`,
    `started at +${formatTick(bar.startMs)}`,
  ];
  return escapeHtml(lines.join("\n"));
}

function barElements(row: RowModel, bar: BarModel, y: number, xOf: (ms: number) => number): string {
  const x = xOf(bar.startMs);
  const width = round(Math.max(xOf(bar.endMs) - x, MIN_BAR_WIDTH));
  const task = escapeHtml(row.task);
  const iteration = row.iteration === null ? "" : ` data-iteration="${row.iteration.index}"`;
  const rect =
    `<rect class="bar bar-${bar.outcome}" data-task="${task}"${iteration} data-attempt="${bar.attempt}" data-outcome="${bar.outcome}"` +
    ` data-start-ms="${bar.startMs}" data-end-ms="${bar.endMs}" x="${x}" y="${y + (ROW_HEIGHT - BAR_HEIGHT) / 2}"` +
    ` width="${width}" height="${BAR_HEIGHT}" rx="3" fill="${OUTCOME_COLORS[bar.outcome]}"><title>${barTooltip(row, bar)}</title></rect>`;
  // The duration goes inside the bar only where it fits; the tooltip always has it.
  const label = humanDuration(bar.endMs - bar.startMs);
  const fits = width >= label.length * 5.8 + 10;
  const drawn = fits ? `${rect}<text class="bar-label" x="${round(x + 6)}" y="${y + ROW_HEIGHT / 2}">${escapeHtml(label)}</text>` : rect;
  // An iteration's bars lead to its row in the table, with its item, reason and log.
  return row.iteration === null ? drawn : `<a href="#${escapeHtml(iterationAnchor(row.task, row.iteration.index))}">${drawn}</a>`;
}

function gapElements(row: RowModel, y: number, xOf: (ms: number) => number): string[] {
  return row.bars.slice(1).flatMap((bar, index) => {
    const previous = row.bars[index] as BarModel;
    if (bar.startMs <= previous.endMs) return [];
    const wait = humanDuration(bar.startMs - previous.endMs);
    return [
      `<line class="gap" data-task="${escapeHtml(row.task)}" data-before-attempt="${bar.attempt}" x1="${xOf(previous.endMs)}" x2="${xOf(bar.startMs)}"` +
        ` y1="${y + ROW_HEIGHT / 2}" y2="${y + ROW_HEIGHT / 2}"><title>waited ${escapeHtml(wait)} before attempt ${bar.attempt}</title></line>`,
    ];
  });
}

function moreElements(task: string, more: number, index: number): string {
  const y = index * ROW_HEIGHT;
  return [
    `<g class="row row-more" data-task="${escapeHtml(task)}">`,
    `<rect class="row-bg" x="0" y="${y}" width="${WIDTH}" height="${ROW_HEIGHT}"/>`,
    `<text class="more-iterations" x="${LABEL_X + 36}" y="${y + ROW_HEIGHT / 2}">and ${more} more iteration${more === 1 ? "" : "s"}, in the table below</text>`,
    `</g>`,
  ].join("");
}

function rowElements(row: RowModel, index: number, xOf: (ms: number) => number): string {
  const y = index * ROW_HEIGHT;
  const middle = y + ROW_HEIGHT / 2;
  const task = escapeHtml(row.task);
  const status = statusLabel(row.status);
  const { iteration } = row;
  const indent = iteration === null ? 0 : 18;
  const nameRoom = (row.optional && iteration === null ? 22 : 32) - indent / 6;
  const label = iteration === null ? row.task : `[${iteration.index}] ${JSON.stringify(iteration.item)}`;
  const parts = [
    `<g class="row row-${row.status}${iteration === null ? "" : " row-iteration"}" data-task="${task}"${iteration === null ? "" : ` data-iteration="${iteration.index}"`} data-status="${row.status}" data-optional="${row.optional}">`,
    `<rect class="row-bg" x="0" y="${y}" width="${WIDTH}" height="${ROW_HEIGHT}"/>`,
    `<circle class="dot dot-${row.status}" cx="${LABEL_X + indent + 5}" cy="${middle}" r="4.5"/>`,
    `<text class="task-label${iteration === null ? "" : " iteration-label"}" x="${LABEL_X + indent + 18}" y="${middle}">${escapeHtml(truncate(label, nameRoom))}<title>${escapeHtml(rowName(row))} — ${escapeHtml(status)}</title></text>`,
  ];
  if (row.optional && iteration === null) {
    const left = PLOT_LEFT - 16 - OPTIONAL_TAG_WIDTH;
    parts.push(
      `<g class="optional-tag"><rect x="${left}" y="${middle - 8}" width="${OPTIONAL_TAG_WIDTH}" height="16" rx="8"/>` +
        `<text x="${left + OPTIONAL_TAG_WIDTH / 2}" y="${middle}">optional</text></g>`,
    );
  }
  // A for-each task's own line has no bars (its iterations' lines do): it says how it ended.
  if (row.bars.length === 0) {
    const text = row.reason ? `${status} · ${row.reason}` : status;
    parts.push(`<text class="no-attempt" data-task="${task}" x="${PLOT_LEFT + 8}" y="${middle}">${escapeHtml(truncate(text, 120))}</text>`);
  }
  parts.push(...gapElements(row, y, xOf), ...row.bars.map((bar) => barElements(row, bar, y, xOf)), `</g>`);
  return parts.join("");
}

/** The timeline: a sticky time axis over one fixed-height row per task, one bar per attempt. */
export function renderGanttChart(model: ReportModel): string {
  const xOf = (ms: number) => round(PLOT_LEFT + (ms / model.spanMs) * PLOT_WIDTH);
  const { ticks } = timeTicks(model.spanMs, Math.floor(PLOT_WIDTH / TICK_SPACING));
  const lines = linesOf(model.rows);
  const height = Math.max(lines.length, 1) * ROW_HEIGHT;
  const grid = ticks.map((tick) => `<line x1="${xOf(tick.at)}" x2="${xOf(tick.at)}" y1="0" y2="${height}"/>`);
  return [
    axis(ticks, xOf),
    `<svg class="gantt" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" data-span-ms="${model.spanMs}"`,
    ` aria-label="Timeline of ${model.rows.length} tasks">`,
    `<g class="grid">${grid.join("")}</g>`,
    `<rect class="plot-area" x="${PLOT_LEFT}" y="0" width="${PLOT_WIDTH}" height="${height}"/>`,
    `<g class="rows">${lines.map((line, index) => ("row" in line ? rowElements(line.row, index, xOf) : moreElements(line.task, line.more, index))).join("\n")}</g>`,
    `</svg>`,
  ].join("");
}
