// The light entry the CLI loads first: finding and loading pipelines, without the checker's dependencies.
export { loadPipelines } from "./load-pipelines.js";
export type { LoadedPipeline } from "./loaded-pipeline.js";
export { projectRelativePath } from "./project-root.js";
