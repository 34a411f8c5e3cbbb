import { pipeline, python, sh } from "orchc";

// The e-commerce lab's shape: a non-critical report after the critical stages.
const lab = pipeline("golden_optional", { description: "A non-critical task and what follows it." });

const aggregate = lab.task("aggregate_sales", python("stages/aggregate.py"));
const reports = lab.task("generate_reports", python("stages/reports.py")).after(aggregate).optional().retries(1, { delay: "5s" });
lab.task("publish_reports", sh`./publish.sh`).after(reports);
lab.task("summary", sh`echo done`).after(reports, aggregate).runIf("allDone");

export default lab;
