// pythonWheel and `artifacts` are typed: each `@ts-expect-error` below fails the type test if the
// line it guards ever stops being an error.
import { params, pipeline, pythonWheel } from "orchc";

const p = params({ catalog: { type: "string", default: "dev" } });
const daily = pipeline("daily", {
  params: p,
  artifacts: { python_artifact: { type: "whl", build: "uv build --wheel", path: ".", files: [{ source: "dist/*.whl" }], dynamicVersion: true } },
});
daily.task("a", pythonWheel("my_project", "main", { parameters: ["--catalog", p.catalog], libraries: [{ whl: "dist/*.whl" }, { pypi: { package: "pandas", repo: "https://x" } }] }));
daily.task("b", pythonWheel("my_project", "main", { namedParameters: { catalog: p.catalog }, libraries: [{ maven: { coordinates: "a:b:1", exclusions: ["c:d"] } }, { jar: "/Volumes/x.jar" }] }));
// @ts-expect-error Databricks takes positional or named parameters, not both
pythonWheel("my_project", "main", { parameters: ["x"], namedParameters: { y: "1" } });
// @ts-expect-error a library is one of whl, jar, pypi, maven
pythonWheel("my_project", "main", { libraries: [{ egg: "x.egg" }] });
// @ts-expect-error a PyPI library names its package
pythonWheel("my_project", "main", { libraries: [{ pypi: { name: "pandas" } }] });
// @ts-expect-error an artifact is a whl or a jar
pipeline("weekly", { artifacts: { a: { type: "zip" } } });
