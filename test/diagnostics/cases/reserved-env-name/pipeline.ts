import { params, pipeline, secrets, sh } from "orchc";

const p = params({ label: { type: "string", default: "hello" } });
const s = secrets({ apiToken: { description: "API token" } });
const nightly = pipeline("nightly", { params: p, secrets: s });

nightly.task("report", sh`./report.sh`).env({ ORCHC_COMMAND: p.label, API_TOKEN: "not the secret" });

export default nightly;
