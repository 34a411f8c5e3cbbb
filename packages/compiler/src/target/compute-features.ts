import type { ComputeNode, WorkspaceRef } from "../ir/compute-node.js";
import type { Feature } from "./capabilities.js";

/** What a compute asks of a target: its kind, and each workspace object it names by name (a lookup, which not every target has). */
export function computeFeatures(compute: ComputeNode): Array<{ feature: Feature; what: string }> {
  const uses: Array<{ feature: Feature; what: string }> = [{ feature: `compute.${compute.kind}`, what: `${compute.kind} compute \`${compute.name}\`` }];
  const byName = (feature: Feature, object: string, ref: WorkspaceRef | null) => {
    if (ref?.by === "name") uses.push({ feature, what: `${object} \`${ref.value}\` by name (compute \`${compute.name}\`)` });
  };
  if (compute.kind === "existingCluster") byName("compute.existingClusterByName", "cluster", compute.cluster);
  if (compute.kind === "warehouse") byName("compute.warehouseByName", "warehouse", compute.warehouse);
  if (compute.kind === "cluster") {
    byName("compute.instancePoolByName", "instance pool", compute.instancePool);
    byName("compute.clusterPolicyByName", "cluster policy", compute.policy);
  }
  return uses;
}
