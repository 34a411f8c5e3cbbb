import { createRequire } from "node:module";

/** Replaced by the bundler; unbundled builds read the package manifest beside dist/. */
declare const ORCHC_BUNDLED_VERSION: string | undefined;

export const ORCHC_VERSION: string =
  typeof ORCHC_BUNDLED_VERSION === "string"
    ? ORCHC_BUNDLED_VERSION
    : (createRequire(import.meta.url)("../package.json") as { version: string }).version;
