import { cluster, existingCluster, params, pipeline, pythonWheel, serverless } from "orchc";

// A wheel run from Airflow: Airflow uploads nothing, so the wheel is named where it was put (a
// volume); on serverless the one-task run carries its environment.
const p = params({ catalog: { type: "string", default: "dev" } });

const wheel = pipeline("golden_python_wheel_airflow", {
  params: p,
  compute: {
    jobs: cluster({ sparkVersion: "16.4.x-scala2.12", nodeType: "i3.xlarge", workers: 2 }),
    shared: existingCluster("0101-123456-abcdefgh"),
    python: serverless({ dependencies: ["requests==2.32.3"], environmentVersion: "3" }),
  },
});

const WHEEL = "/Volumes/main/libs/wheels/my_project-0.1.0-py3-none-any.whl";
const ingest = wheel
  .task(
    "ingest",
    pythonWheel("my_project", "main", {
      parameters: ["--catalog", p.catalog],
      libraries: [{ whl: WHEEL }, { pypi: { package: "simplejson==3.19.3", repo: "https://pypi.example.com/simple" } }, { maven: { coordinates: "org.jsoup:jsoup:1.7.2" } }],
    }),
  )
  .compute("jobs");
wheel.task("check", pythonWheel("my_project", "check")).compute("shared").after(ingest);
wheel.task("score", pythonWheel("my_project", "score", { namedParameters: { catalog: p.catalog }, libraries: [{ whl: WHEEL }] })).compute("python").after(ingest);

export default wheel;
