import { params, pipeline, runPipeline, secrets, sh } from "orchc";

// What every target refuses of a task that starts another pipeline, at its line: an id the build
// does not compile (with did-you-mean), values its params do not take, a secret passed on, a
// required param left out, a compute on the task, and pipelines that start each other.
const n = params({ catalog: { type: "string" }, days: { type: "number", default: 1 }, mode: { type: "enum", values: ["full", "delta"], default: "delta" } });
export const nightly = pipeline("nightly", { params: n });
nightly.task("refresh", sh`./refresh.sh ${n.catalog}`);

const s = secrets({ token: { env: "TOKEN" } });
export const daily = pipeline("daily", { secrets: s, compute: { box: { kind: "runner", runsOn: "ubuntu-latest" } } });
daily.task("typo", runPipeline("nigthly", { params: { catalog: "x" } }));
daily.task("by_id", runPipeline("nightly", { params: { catalog: "x", day: 2, mode: "weekly" } }));
daily.task("secret", runPipeline("nightly", { params: { catalog: s.token } }));
daily.task("missing", runPipeline("nightly"));
daily.task("on_box", { kind: "runPipeline", pipeline: "nightly", params: { catalog: "x" } }).compute("box");

export const ping = pipeline("ping", {});
export const pong = pipeline("pong", {});
ping.task("start_pong", runPipeline("pong"));
pong.task("start_ping", runPipeline("ping"));
