import { databricksRef, params, pipeline, sh } from "orchc";

// A Databricks reference resolves to text at deploy: only a string param can hold one (ORC133).
const p = params({ workers: { type: "number", default: 2 } });

export const sizing = pipeline("sizing", {
  params: p,
  targets: { databricks: {} },
  environments: { dev: { params: { workers: databricksRef("var.workers") } } },
});
sizing.task("size", sh`./size.sh ${p.workers}`);
