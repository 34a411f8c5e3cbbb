import { pipeline, sh } from "orchc";

const sales = pipeline("sales.daily", {});

sales.task("extract", sh`./extract.sh`);
sales.task("2nd-pass", sh`./second.sh`).after("extract");

export default sales;
