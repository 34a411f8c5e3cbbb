// Workspace objects by id or by name (issue 18): each form type-checks, and a mistake in one fails in the editor.
import type { PipelineSpec } from "orchc";
import { cluster, existingCluster, pipeline, warehouse } from "orchc";

existingCluster("0123-456789-abcdefgh");
existingCluster({ name: "Shared Autoscaling Americas" });
existingCluster({ id: "0123-456789-abcdefgh" });
warehouse({ name: "Starter Warehouse" });
cluster({ sparkVersion: "15.4.x-scala2.12", nodeType: "i3.xlarge", policy: { name: "Job Compute" } });
cluster({ sparkVersion: "15.4.x-scala2.12", instancePool: { name: "Jobs pool" }, workers: 2 });
cluster({ sparkVersion: "15.4.x-scala2.12", instancePool: { id: "0101-010101-pool01" }, policy: { id: "ABC123DEF4567890" } });

// @ts-expect-error an existing cluster by id and by name at once
existingCluster({ id: "0123", name: "Shared" });
// @ts-expect-error a warehouse by neither
warehouse({});
// @ts-expect-error a pool's nodes take the pool's node type: Databricks refuses both
cluster({ sparkVersion: "15.4.x-scala2.12", nodeType: "i3.xlarge", instancePool: { name: "Jobs pool" } });
// @ts-expect-error a cluster needs a node type or a pool
cluster({ sparkVersion: "15.4.x-scala2.12", workers: 2 });
// @ts-expect-error a policy by a key that does not exist
cluster({ sparkVersion: "15.4.x-scala2.12", nodeType: "i3.xlarge", policy: { title: "Job Compute" } });

// The plain-object form says the same, and refuses the same.
export const plain: PipelineSpec = {
  id: "plain",
  compute: { shared: { kind: "existingCluster", name: "Shared" }, pooled: { kind: "cluster", sparkVersion: "15.4.x-scala2.12", instancePool: { name: "Jobs pool" } } },
  tasks: [],
};
export const both: PipelineSpec = {
  id: "both",
  // @ts-expect-error id and name at once
  compute: { shared: { kind: "existingCluster", id: "0123", name: "Shared" } },
  tasks: [],
};
pipeline("lookups", { compute: { bi: warehouse({ name: "Starter Warehouse" }) } });
