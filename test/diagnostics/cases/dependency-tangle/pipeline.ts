import { pipeline, sh } from "orchc";

const etl = pipeline("etl", {});

// One tangle of three tasks, with two cycles through it (a → b → c → a and a → c → a):
// reported once, at the dependency on a task declared later.
etl.task("a", sh`./a.sh`).after("c");
etl.task("b", sh`./b.sh`).after("a");
etl.task("c", sh`./c.sh`).after("b", "a");
etl.task("report", sh`./report.sh`).after("c");

export default etl;
