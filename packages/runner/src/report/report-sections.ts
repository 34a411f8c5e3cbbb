import type { RunRecord } from "../store/run-record.js";
import { escapeHtml, truncate } from "./html-escape.js";
import { BAR_OUTCOMES, OUTCOME_COLORS, OUTCOME_LABELS } from "./report-palette.js";
import { statusLabel, type BadgeStatus, type ReportModel, type RowModel, type RowStatus } from "./report-model.js";
import { humanDuration, formatInstant } from "./time-axis.js";

const BADGE_TEXT: Readonly<Record<BadgeStatus, string>> = {
  success: "SUCCESS",
  partial: "PARTIAL",
  failed: "FAILED",
  interrupted: "INTERRUPTED",
  running: "RUNNING",
};

const SUMMARY_WORDS: Readonly<Record<RowStatus, string>> = {
  success: "succeeded",
  failed: "failed",
  skipped: "skipped",
  upstream_failed: "upstream failed",
  interrupted: "interrupted",
  running: "running",
  retrying: "retrying",
  pending: "pending",
  "not-run": "not run",
  unfinished: "unfinished",
};

const dash = `<span class="none">—</span>`;
const metaItem = (term: string, value: string, wide = false) => `<div${wide ? ' class="wide"' : ""}><dt>${term}</dt><dd>${value}</dd></div>`;
/** Paths may break after a slash, not in the middle of a run id. */
const breakablePath = (path: string) => escapeHtml(path).replaceAll("/", "/<wbr>");

function taskSummary(rows: ReadonlyArray<RowModel>): string {
  const counts = new Map<RowStatus, number>();
  for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  const parts = [...counts].map(([status, count]) => `<span class="count"><span class="dot dot-${status}"></span>${count} ${SUMMARY_WORDS[status]}</span>`);
  return `<span class="count total">${rows.length} task${rows.length === 1 ? "" : "s"}</span>${parts.join("")}`;
}

export function renderHeader(record: RunRecord, model: ReportModel): string {
  const sessions = record.sessions > 1 ? `${record.sessions} (${record.sessions - 1} resume${record.sessions > 2 ? "s" : ""})` : String(record.sessions);
  const params = Object.entries(record.params).map(
    ([name, value]) => `<li><code><span class="param-name">${escapeHtml(name)}</span> = <span class="param-value">${escapeHtml(value)}</span></code></li>`,
  );
  const duration = humanDuration(model.durationMs) + (model.status === "running" ? " so far" : "");
  return [
    `<header class="card run-header">`,
    `<div class="title-row"><h1>${escapeHtml(record.pipeline.name)}</h1>`,
    `<span class="badge badge-${model.status}" id="run-status" data-status="${model.status}">${BADGE_TEXT[model.status]}</span></div>`,
    record.pipeline.id !== record.pipeline.name ? `<p class="subtitle">pipeline <code>${escapeHtml(record.pipeline.id)}</code></p>` : "",
    record.reason ? `<p class="run-reason reason-${model.status}">${escapeHtml(record.reason)}</p>` : "",
    `<dl class="meta">`,
    metaItem("Run", `<code class="run-id">${escapeHtml(record.runId)}</code>`),
    metaItem("Started", `<time datetime="${formatInstant(record.startedAt)}">${formatInstant(record.startedAt)}</time>`),
    metaItem("Duration", escapeHtml(duration)),
    metaItem("Sessions", escapeHtml(sessions)),
    metaItem("Environment", record.environment === null ? dash : `<code>${escapeHtml(record.environment)}</code>`),
    metaItem("Tasks", taskSummary(model.rows), true),
    `</dl>`,
    `<div class="params"><h2>Params</h2>${params.length > 0 ? `<ul>${params.join("")}</ul>` : `<p class="none">none</p>`}</div>`,
    `</header>`,
  ].join("\n");
}

export function renderLegend(): string {
  const swatches = BAR_OUTCOMES.map(
    (outcome) => `<li><span class="swatch" style="background:${OUTCOME_COLORS[outcome]}"></span>${OUTCOME_LABELS[outcome]}</li>`,
  );
  return [
    `<ul class="legend">`,
    ...swatches,
    `<li><span class="gap-swatch"></span>retry wait</li>`,
    `<li><span class="optional-pill">optional</span>may fail without failing the run</li>`,
    `</ul>`,
  ].join("");
}

/** The id of an iteration's table row: what its bars in the timeline link to. Task ids hold only letters, digits, `_` and `-`. */
export const iterationAnchor = (task: string, index: number): string => `iteration-${task}-${index}`;

const SHOWN_ITEM_CHARS = 80;

function taskRow(row: RowModel): string {
  const task = escapeHtml(row.task);
  const attempts = row.bars.map(
    (bar) => `<span class="attempt-dot" style="background:${OUTCOME_COLORS[bar.outcome]}" title="attempt ${bar.attempt}: ${OUTCOME_LABELS[bar.outcome]}"></span>`,
  );
  const { iteration } = row;
  // An item is shown cut short, and whole in its title; the row's id is what the timeline links to.
  const name =
    iteration === null
      ? `<span class="dot dot-${row.status}"></span><span class="task-name">${task}</span>`
      : `<span class="dot dot-${row.status}"></span><span class="iteration-index">[${iteration.index}]</span><code class="item" title="${escapeHtml(iteration.item)}">${escapeHtml(truncate(JSON.stringify(iteration.item), SHOWN_ITEM_CHARS))}</code>`;
  const iterationCount = row.iterations.length > 0 ? `<span class="iteration-count">${row.iterations.length} item${row.iterations.length === 1 ? "" : "s"}</span>` : "";
  const opening =
    iteration === null
      ? `<tr class="task-row" data-task="${task}" data-status="${row.status}">`
      : `<tr class="iteration-row" id="${escapeHtml(iterationAnchor(row.task, iteration.index))}" data-task="${task}" data-iteration="${iteration.index}" data-status="${row.status}">`;
  const attemptCount = row.iterations.length > 0 ? row.iterations.reduce((sum, each) => sum + each.bars.length, 0) : row.bars.length;
  return [
    opening,
    `<td class="task-cell">${name}${iterationCount}`,
    row.optional && iteration === null ? `<span class="optional-pill">optional</span>` : "",
    `</td>`,
    `<td><span class="pill pill-${row.status}">${escapeHtml(statusLabel(row.status))}</span></td>`,
    `<td class="num"><span class="attempt-dots">${attempts.join("")}</span>${attemptCount}</td>`,
    `<td class="num">${attemptCount > 0 ? escapeHtml(humanDuration(row.durationMs)) : dash}</td>`,
    `<td class="reason">${row.reason ? escapeHtml(row.reason) : dash}</td>`,
    `<td class="log">${row.log ? `<code>${breakablePath(row.log)}</code>` : dash}</td>`,
    `</tr>`,
  ].join("");
}

export function renderTaskTable(model: ReportModel): string {
  return [
    `<table class="tasks">`,
    `<thead><tr><th>Task</th><th>Status</th><th class="num">Attempts</th><th class="num">Duration</th><th>Reason</th><th>Log</th></tr></thead>`,
    `<tbody>`,
    ...model.rows.flatMap((row) => [taskRow(row), ...row.iterations.map(taskRow)]),
    `</tbody></table>`,
  ].join("\n");
}
