import { cluster, definePipeline } from "orchc";

export default definePipeline({
  id: "training",
  compute: {
    small: cluster({ sparkVersion: "15.4.x-scala2.12", nodeType: "i3.xlarge", workers: 2 }),
  },
  tasks: {
    prepare: { action: { kind: "python", script: "prepare.py" }, compute: "small" },
    train: { action: { kind: "python", script: "train.py" }, after: ["prepare"], compute: "smal" },
  },
});
