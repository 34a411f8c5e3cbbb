export * from "./codes.js";
export * from "./diagnostic.js";
export * from "./did-you-mean.js";
export * from "./format-diagnostics.js";
