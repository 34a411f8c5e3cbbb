import type { ComputeNode, PipelineNode, WorkspaceRef } from "@orchc/compiler";
import { BundleReference, type BundleMap, type BundleValue } from "./bundle-value.js";

/** The CLI's lookup kinds (`variables.<key>.lookup.<kind>`) for the workspace objects a compute names. */
export type LookupKind = "cluster" | "warehouse" | "instance_pool" | "cluster_policy";

export const LOOKUP_WHAT: Record<LookupKind, string> = { cluster: "cluster", warehouse: "warehouse", instance_pool: "instance pool", cluster_policy: "cluster policy" };

/** The workspace object a compute names for one lookup kind, or null (a cluster without a pool). */
function refOf(node: ComputeNode | undefined, kind: LookupKind): WorkspaceRef | null {
  if (node?.kind === "existingCluster" && kind === "cluster") return node.cluster;
  if (node?.kind === "warehouse" && kind === "warehouse") return node.warehouse;
  if (node?.kind === "cluster" && kind === "instance_pool") return node.instancePool;
  if (node?.kind === "cluster" && kind === "cluster_policy") return node.policy;
  return null;
}

/** One workspace object a pipeline's compute names, with what it is in the base and in each environment. */
export interface WorkspaceSlot {
  readonly compute: string;
  readonly kind: LookupKind;
  /** The bundle variable that carries it, or null where the id is written as is. */
  readonly variable: string | null;
  readonly base: WorkspaceRef | null;
  readonly byEnvironment: ReadonlyMap<string, WorkspaceRef | null>;
}

const usedCompute = (pipeline: PipelineNode): ReadonlySet<string> =>
  new Set(pipeline.tasks.flatMap((task) => [task.compute, "warehouse" in task.action ? task.action.warehouse : null].filter((name): name is string => typeof name === "string")));

/**
 * The workspace objects a pipeline's used compute names. One is a bundle variable
 * `<pipeline>__<compute>_<kind>` when it is looked up by name anywhere (the CLI resolves a `lookup`
 * variable at deploy, in each target from that target's own name), or when it is a task's cluster or
 * warehouse whose id differs by environment: task fields are shared by every target, job clusters
 * are written whole per target where they differ.
 */
export function workspaceSlots(pipeline: PipelineNode): WorkspaceSlot[] {
  const used = usedCompute(pipeline);
  const slots: WorkspaceSlot[] = [];
  for (const node of pipeline.compute) {
    if (!used.has(node.name)) continue;
    const kinds: LookupKind[] = node.kind === "existingCluster" ? ["cluster"] : node.kind === "warehouse" ? ["warehouse"] : node.kind === "cluster" ? ["instance_pool", "cluster_policy"] : [];
    for (const kind of kinds) {
      const base = refOf(node, kind);
      const byEnvironment = new Map(pipeline.environments.map((environment) => [environment.name, refOf(environment.compute.find((candidate) => candidate.name === node.name), kind)]));
      const refs = [base, ...byEnvironment.values()];
      if (refs.every((ref) => ref === null)) continue;
      const byName = refs.some((ref) => ref?.by === "name");
      const differs = new Set(refs.map((ref) => JSON.stringify(ref))).size > 1;
      const variable = byName || (differs && (kind === "cluster" || kind === "warehouse")) ? `${pipeline.id}__${node.name}_${kind}` : null;
      slots.push({ compute: node.name, kind, variable, base, byEnvironment });
    }
  }
  return slots;
}

/** The id a job field holds: as written, or the slot's `${var.<key>}`. */
export function workspaceId(pipeline: PipelineNode, compute: string, kind: LookupKind, ref: WorkspaceRef): BundleValue {
  const variable = workspaceSlots(pipeline).find((slot) => slot.compute === compute && slot.kind === kind)?.variable ?? null;
  return variable === null ? ref.value : new BundleReference(`var.${variable}`);
}

/**
 * A variable's value: a lookup by name, or an id. Where the compute names no such object (an
 * environment's cluster without a pool) nothing reads the variable, and it is empty, so the CLI looks
 * up nothing there: a lookup fails the deploy when the object is missing from that workspace.
 */
const variableValue = (kind: LookupKind, ref: WorkspaceRef | null): BundleMap => (ref?.by === "name" ? { lookup: { [kind]: ref.value } } : { default: ref?.value ?? "" });

/** Bundle variables for a pipeline's slots: the base's value at the top, and each environment's where it differs. */
export function workspaceVariables(pipeline: PipelineNode): { variables: BundleMap; perTarget: Map<string, BundleMap> } {
  const variables: BundleMap = {};
  const perTarget = new Map<string, BundleMap>();
  for (const slot of workspaceSlots(pipeline)) {
    if (slot.variable === null) continue;
    const ways = new Set([slot.base, ...slot.byEnvironment.values()].flatMap((ref) => (ref === null ? [] : [ref.by])));
    const how = ways.size > 1 ? "an id, or found by name at deploy, in each target" : ways.has("name") ? "found by name at deploy" : "its id in each target";
    variables[slot.variable] = { description: `The ${LOOKUP_WHAT[slot.kind]} of compute ${slot.compute} (pipeline ${pipeline.id}): ${how}`, ...variableValue(slot.kind, slot.base) };
    for (const [environment, ref] of slot.byEnvironment) {
      if (JSON.stringify(ref) === JSON.stringify(slot.base)) continue;
      const value = variableValue(slot.kind, ref);
      perTarget.set(environment, { ...perTarget.get(environment), [slot.variable]: "default" in value ? value.default : value });
    }
  }
  return { variables, perTarget };
}
