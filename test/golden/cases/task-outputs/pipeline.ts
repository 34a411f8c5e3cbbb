import { concat, pipeline, python, secrets, sh } from "orchc";

// A task writes outputs of each type; the next reads them in its command, as arguments and in its env (one env value mixed with a secret).
const s = secrets({ token: { description: "API token", env: "API_TOKEN", key: "api_token" } });
const daily = pipeline("task_outputs", { secrets: s });
const count = daily
  .task("count", sh`./count.sh --out "$ORCHC_OUTPUTS"`)
  .outputs({ rows: "number", partitions: "list", status: "string", complete: "boolean" })
  .retries(1, { delay: "30s" });
daily.task("check", sh`./check.sh --rows ${count.output.rows} --complete ${count.output.complete}`).env({ STATUS: count.output.status, AUTH: concat(count.output.status, ":", s.token) });
daily.task("load", python("load.py", ["--partitions", count.output.partitions])).group("loading");

export default daily;
