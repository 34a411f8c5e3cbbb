import { lowerToIR, type LoadedPipeline } from "../../../packages/compiler/src/index.js";

export const FILE = "/project/pipeline.ts";

export function loaded(...specs: unknown[]): LoadedPipeline[] {
  return specs.map((spec, index) => ({ file: FILE, projectRoot: "/project", exportName: index === 0 ? "default" : `p${index}`, spec }));
}

export function codesOf(...specs: unknown[]): string[] {
  return lowerToIR(loaded(...specs), null).diagnostics.map((diagnostic) => diagnostic.code);
}

export const shellTask = (id: string, extra: Record<string, unknown> = {}) => ({ id, action: { kind: "shell", command: "true" }, ...extra });
