import { concat, params, pipeline, python, secrets, sh } from "orchc";

// Values that must arrive byte for byte and never become code, a template, or a reference.
const hostile = `quote ' double " back \\ newline \n tab \t jinja {{ ds }} {% if %} {# c #} shell $(id) \`id\` \${HOME} github \${{ x }} bundle \${var.x} rtl \u202e emoji 🎉 triple ''' """`;

const p = params({
  day: { type: "string", default: "", description: "Day to process; empty means today" },
  label: { type: "string", default: hostile },
  limit: { type: "number", default: 100 },
  dryRun: { type: "boolean", default: false },
  mode: { type: "enum", values: ["full", "incremental"], default: "incremental" },
});
const s = secrets({ apiToken: { description: "Token for the orders API" }, dbPassword: { env: "DB_PASSWORD", key: "warehouse-db-password" } });

const quoting = pipeline("golden_params_and_secrets", { params: p, secrets: s, description: hostile });

const extract = quoting
  .task("extract", sh`./extract.sh --day ${p.day} --label ${p.label} --limit ${p.limit} --dry-run ${p.dryRun} --literal ${hostile}`)
  .env({ API_TOKEN: s.apiToken, STATIC: hostile, MIXED: concat("mode=", p.mode, ";") });
quoting.task("load", python("etl/load.py", ["--mode", p.mode, concat("--day=", p.day), hostile])).after(extract).env({ DB_PASSWORD: s.dbPassword });
quoting.task("script_file", sh`scripts/run.sh`).after(extract).workingDir("/opt/pipelines/{{ not jinja }}");
quoting.task("braces", sh`arr=(a b); echo "\${#arr[@]}" {{ literal }}`).after(extract);

export default quoting;
