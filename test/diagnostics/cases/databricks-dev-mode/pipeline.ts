import { notebook, pipeline } from "orchc";

// `[DEV] ` in a development-mode target is replaced by the CLI's `[dev <user>] ` (a warning); a
// task may not take the key orchc gives the condition task after an optional task (an error).
const nightly = pipeline("nightly", {
  targets: { databricks: {} },
  environments: {
    dev: { default: true, namePrefix: "[DEV] ", overrides: { databricks: { mode: "development" } } },
    prod: { overrides: { databricks: { mode: "production" } } },
  },
});

const load = nightly.task("load", notebook("src/load.py")).optional();
nightly.task("load__orchc_optional", notebook("src/check.py")).after(load);

export default nightly;
