/** In a module of its own so the CLI's entry can offer the choices without loading the renderers. */
export const GRAPH_FORMATS = ["mermaid", "dot", "json"] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];
