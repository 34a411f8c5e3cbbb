import { escapeHtml, truncate } from "./html-escape.js";
import { OUTCOME_COLORS, OUTCOME_LABELS } from "./report-palette.js";
import { statusLabel, type BarModel, type ReportModel, type RowModel } from "./report-model.js";
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
    `${row.task} — attempt ${bar.attempt} of ${row.bars.length}`,
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
  const rect =
    `<rect class="bar bar-${bar.outcome}" data-task="${task}" data-attempt="${bar.attempt}" data-outcome="${bar.outcome}"` +
    ` data-start-ms="${bar.startMs}" data-end-ms="${bar.endMs}" x="${x}" y="${y + (ROW_HEIGHT - BAR_HEIGHT) / 2}"` +
    ` width="${width}" height="${BAR_HEIGHT}" rx="3" fill="${OUTCOME_COLORS[bar.outcome]}"><title>${barTooltip(row, bar)}</title></rect>`;
  // The duration goes inside the bar only where it fits; the tooltip always has it.
  const label = humanDuration(bar.endMs - bar.startMs);
  const fits = width >= label.length * 5.8 + 10;
  return fits ? `${rect}<text class="bar-label" x="${round(x + 6)}" y="${y + ROW_HEIGHT / 2}">${escapeHtml(label)}</text>` : rect;
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

function rowElements(row: RowModel, index: number, xOf: (ms: number) => number): string {
  const y = index * ROW_HEIGHT;
  const middle = y + ROW_HEIGHT / 2;
  const task = escapeHtml(row.task);
  const status = statusLabel(row.status);
  const nameRoom = row.optional ? 22 : 32;
  const parts = [
    `<g class="row row-${row.status}" data-task="${task}" data-status="${row.status}" data-optional="${row.optional}">`,
    `<rect class="row-bg" x="0" y="${y}" width="${WIDTH}" height="${ROW_HEIGHT}"/>`,
    `<circle class="dot dot-${row.status}" cx="${LABEL_X + 5}" cy="${middle}" r="4.5"/>`,
    `<text class="task-label" x="${LABEL_X + 18}" y="${middle}">${escapeHtml(truncate(row.task, nameRoom))}<title>${task} — ${escapeHtml(status)}</title></text>`,
  ];
  if (row.optional) {
    const left = PLOT_LEFT - 16 - OPTIONAL_TAG_WIDTH;
    parts.push(
      `<g class="optional-tag"><rect x="${left}" y="${middle - 8}" width="${OPTIONAL_TAG_WIDTH}" height="16" rx="8"/>` +
        `<text x="${left + OPTIONAL_TAG_WIDTH / 2}" y="${middle}">optional</text></g>`,
    );
  }
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
  const height = Math.max(model.rows.length, 1) * ROW_HEIGHT;
  const grid = ticks.map((tick) => `<line x1="${xOf(tick.at)}" x2="${xOf(tick.at)}" y1="0" y2="${height}"/>`);
  return [
    axis(ticks, xOf),
    `<svg class="gantt" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" data-span-ms="${model.spanMs}"`,
    ` aria-label="Timeline of ${model.rows.length} tasks">`,
    `<g class="grid">${grid.join("")}</g>`,
    `<rect class="plot-area" x="${PLOT_LEFT}" y="0" width="${PLOT_WIDTH}" height="${height}"/>`,
    `<g class="rows">${model.rows.map((row, index) => rowElements(row, index, xOf)).join("\n")}</g>`,
    `</svg>`,
  ].join("");
}
