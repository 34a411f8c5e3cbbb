import { cluster, params, pipeline, pythonWheel, secrets, serverless } from "orchc";

// Databricks' default-python template, said in orchc: the bundle builds the project's wheel
// (`artifacts`) and uploads it; a task on a job cluster installs it as a task library, a task on
// serverless as a dependency of its environment.
const p = params({ catalog: { type: "string", default: "dev" } });
const s = secrets({ apiToken: { scope: "etl", key: "api-token" } });

const wheel = pipeline("golden_python_wheel", {
  params: p,
  secrets: s,
  artifacts: { python_artifact: { type: "whl", build: "uv build --wheel", path: "." } },
  compute: {
    jobs: cluster({ sparkVersion: "16.4.x-scala2.12", nodeType: "i3.xlarge", autoscale: { min: 1, max: 4 }, databricks: { data_security_mode: "DATA_SECURITY_MODE_AUTO" } }),
    python: serverless({ dependencies: ["requests==2.32.3"] }),
  },
});

const ingest = wheel
  .task(
    "ingest",
    pythonWheel("my_project", "main", {
      parameters: ["--catalog", p.catalog, "--token", s.apiToken],
      libraries: [
        { whl: "dist/*.whl" },
        { pypi: { package: "simplejson==3.19.3", repo: "https://pypi.example.com/simple" } },
        { maven: { coordinates: "org.jsoup:jsoup:1.7.2", exclusions: ["slf4j:slf4j"] } },
        { jar: "/Volumes/main/libs/jars/udfs.jar" },
      ],
    }),
  )
  .compute("jobs");
wheel
  .task("score", pythonWheel("my_project", "score", { namedParameters: { catalog: p.catalog, mode: "full" }, libraries: [{ whl: "dist/*.whl" }, { pypi: { package: "pandas==2.2.3" } }] }))
  .compute("python")
  .after(ingest);

export default wheel;
