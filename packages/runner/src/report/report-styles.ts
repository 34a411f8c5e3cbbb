/** The report's only stylesheet, inlined so the file opens anywhere, offline, years later. */
export const REPORT_STYLES = `
:root {
  --bg: #f6f8fa; --card: #ffffff; --border: #d0d7de; --border-soft: #eaeef2; --text: #1f2328; --muted: #656d76;
  --success: #1f883d; --failed: #cf222e; --partial: #bf8700; --interrupted: #6e7781; --running: #0969da;
  --timed-out: #e16f24; --idle: #8c959f;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
code { font-family: var(--mono); font-size: 12.5px; }
h1 { margin: 0; font-size: 22px; font-weight: 600; overflow-wrap: anywhere; }
h2 { margin: 0; font-size: 15px; font-weight: 600; }
.card { background: var(--card); border: 1px solid var(--border); border-radius: 8px; margin-bottom: 16px; }
.none { color: var(--muted); }

.run-header { padding: 20px 24px; }
.title-row { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
.subtitle { margin: 4px 0 0; color: var(--muted); }
.badge { display: inline-block; padding: 3px 10px; border-radius: 999px; color: #fff; font-size: 12px; font-weight: 700; letter-spacing: .06em; }
.badge-success { background: var(--success); } .badge-partial { background: var(--partial); } .badge-failed { background: var(--failed); }
.badge-interrupted { background: var(--interrupted); } .badge-running { background: var(--running); }
.run-reason { margin: 12px 0 0; padding: 8px 12px; border-radius: 6px; border-left: 4px solid var(--idle); background: var(--bg); overflow-wrap: anywhere; }
.reason-failed { border-color: var(--failed); background: #ffebe9; } .reason-partial { border-color: var(--partial); background: #fff8c5; }
.reason-interrupted { border-color: var(--interrupted); }
.meta { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px 24px; margin: 18px 0 0; }
.meta dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.meta dd { margin: 2px 0 0; overflow-wrap: anywhere; }
.meta .wide { grid-column: span 2; }
.count { margin-right: 12px; white-space: nowrap; }
.count.total { font-weight: 600; }
.params { margin-top: 16px; padding-top: 14px; border-top: 1px solid var(--border-soft); }
.params h2 { font-size: 12px; color: var(--muted); font-weight: 400; text-transform: uppercase; letter-spacing: .04em; }
.params ul { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
.params li code { display: inline-block; padding: 2px 8px; background: var(--bg); border: 1px solid var(--border-soft); border-radius: 6px; overflow-wrap: anywhere; }
.param-name { color: var(--muted); }
.params p { margin: 4px 0 0; }

.section-head { display: flex; align-items: baseline; justify-content: space-between; gap: 16px; flex-wrap: wrap; padding: 14px 20px; border-bottom: 1px solid var(--border-soft); }
.legend { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; color: var(--muted); font-size: 12px; }
.legend li { display: inline-flex; align-items: center; gap: 6px; }
.swatch { width: 12px; height: 12px; border-radius: 3px; }
.gap-swatch { width: 18px; border-top: 2px dashed var(--idle); }
.optional-pill { display: inline-block; padding: 0 7px; border: 1px solid var(--border); border-radius: 999px; font-size: 11px; color: var(--muted); line-height: 16px; margin-left: 6px; }
.legend .optional-pill { margin-left: 0; }

.timeline { overflow: clip; }
.gantt-axis { position: sticky; top: 0; z-index: 1; background: var(--card); }
svg.axis, svg.gantt { display: block; width: 100%; height: auto; font-family: inherit; }
.axis-title { font-size: 11px; fill: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.tick-label { font-size: 11px; fill: var(--muted); text-anchor: middle; font-variant-numeric: tabular-nums; }
.tick, .axis-line { stroke: var(--border); }
.grid line { stroke: var(--border-soft); }
.plot-area { fill: none; }
.row-bg { fill: transparent; }
.rows > .row:nth-child(even) .row-bg { fill: rgba(246, 248, 250, .7); }
.row:hover .row-bg { fill: rgba(9, 105, 218, .07); }
.task-label { font-size: 12.5px; fill: var(--text); dominant-baseline: central; }
.no-attempt { font-size: 12px; fill: var(--muted); font-style: italic; dominant-baseline: central; }
.optional-tag rect { fill: var(--card); stroke: var(--border); }
.optional-tag text { font-size: 10.5px; fill: var(--muted); text-anchor: middle; dominant-baseline: central; }
.bar-label { font-size: 11px; fill: #fff; dominant-baseline: central; pointer-events: none; font-variant-numeric: tabular-nums; }
.bar:hover { filter: brightness(1.12); }
.gap { stroke: var(--idle); stroke-width: 1.5; stroke-dasharray: 3 3; }

circle.dot { stroke-width: 1.5; }
span.dot { display: inline-block; width: 9px; height: 9px; border-radius: 50%; margin-right: 6px; border: 1.5px solid transparent; vertical-align: 0; }
circle.dot-success { fill: var(--success); } span.dot-success { background: var(--success); }
circle.dot-failed { fill: var(--failed); } span.dot-failed { background: var(--failed); }
circle.dot-interrupted, circle.dot-unfinished { fill: var(--interrupted); } span.dot-interrupted, span.dot-unfinished { background: var(--interrupted); }
circle.dot-running { fill: var(--running); } span.dot-running { background: var(--running); }
circle.dot-retrying { fill: var(--timed-out); } span.dot-retrying { background: var(--timed-out); }
circle.dot-skipped, circle.dot-pending, circle.dot-not-run { fill: var(--card); stroke: var(--idle); }
span.dot-skipped, span.dot-pending, span.dot-not-run { border-color: var(--idle); }
circle.dot-upstream_failed { fill: var(--card); stroke: var(--failed); } span.dot-upstream_failed { border-color: var(--failed); }

table.tasks { width: 100%; border-collapse: collapse; font-size: 13px; }
.tasks th { text-align: left; font-weight: 600; font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; padding: 10px 12px; border-bottom: 1px solid var(--border); background: var(--bg); }
.tasks td { padding: 8px 12px; border-bottom: 1px solid var(--border-soft); vertical-align: top; }
.tasks tbody tr:last-child td { border-bottom: 0; }
.tasks tbody tr:hover { background: var(--bg); }
.tasks th:first-child, .tasks td:first-child { padding-left: 20px; }
.tasks .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.task-cell { min-width: 140px; overflow-wrap: anywhere; }
.task-name { font-weight: 500; }
.reason { color: var(--muted); overflow-wrap: anywhere; min-width: 160px; }
.log code { color: var(--muted); font-size: 12px; }
.pill { display: inline-block; padding: 0 8px; border-radius: 999px; font-size: 12px; font-weight: 500; line-height: 20px; background: var(--bg); color: var(--muted); border: 1px solid var(--border-soft); white-space: nowrap; }
.pill-success { background: #dafbe1; color: #116329; border-color: #aceebb; }
.pill-failed { background: #ffebe9; color: #a40e26; border-color: #ffcecb; }
.pill-upstream_failed { color: #a40e26; border-color: #ffcecb; }
.pill-running { background: #ddf4ff; color: #0550ae; border-color: #b6e3ff; }
.pill-retrying { background: #fff1e5; color: #953800; border-color: #ffd8b5; }
.iteration-row .task-cell { padding-left: 40px; }
.iteration-row td { font-size: 12.5px; }
.iteration-index { color: var(--muted); margin-right: 6px; font-variant-numeric: tabular-nums; }
.iteration-row:target { background: #ddf4ff; }
.iteration-count { margin-left: 8px; color: var(--muted); font-size: 12px; }
.iteration-label { fill: var(--muted); }
.more-iterations { font-size: 12px; fill: var(--muted); font-style: italic; dominant-baseline: central; }
.attempt-dots { display: inline-flex; gap: 3px; margin-right: 8px; vertical-align: 1px; }
.attempt-dot { width: 8px; height: 8px; border-radius: 2px; }

footer { color: var(--muted); font-size: 12px; text-align: center; padding: 8px 0 24px; }
`;
