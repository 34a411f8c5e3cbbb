import { createRequire } from "node:module";

/** The orchc version, from the published package's manifest (dist/ sits beside it). */
export const ORCHC_VERSION: string = (createRequire(import.meta.url)("../package.json") as { version: string }).version;
