import { pipeline, python, sh } from "orchc";

const daily = pipeline("sales_daily", {});

const extract = daily.task("extract", sh`./extract.sh`);
daily.task("transform", python("transform.py")).after(extract);
daily.task("load", sh`./load.sh`).after("transfrom");

export default daily;
