// The API Extractor settings orchc's declarations are read with, shared by the rolled-up .d.ts users
// get (scripts/build-declarations.mjs) and the doc model the reference and the TSDoc test read
// (scripts/doc-model.mjs), so both see the DSL's API the same way.
import { join, resolve } from "node:path";
import { ExtractorConfig } from "@microsoft/api-extractor";

const root = resolve(import.meta.dirname, "..");

/** Settings for one entry `.d.ts`; `dtsRollup` and `docModel` are the output each caller wants (the package is named after packages/cli: `orchc`). */
export function extractorConfig({ entry, dtsRollup = { enabled: false }, docModel = { enabled: false } }) {
  return ExtractorConfig.prepare({
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: entry,
      compiler: { overrideTsconfig: { compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, types: [], skipLibCheck: true }, files: [entry] } },
      dtsRollup,
      apiReport: { enabled: false },
      docModel,
      tsdocMetadata: { enabled: false },
      // The DSL's own doc comments use @example freely, and test/unit/dsl/tsdoc.test.ts judges them.
      messages: {
        extractorMessageReporting: { default: { logLevel: "none" } },
        tsdocMessageReporting: { default: { logLevel: "none" } },
        compilerMessageReporting: { default: { logLevel: "error" } },
      },
    },
    configObjectFullPath: join(root, "api-extractor.json"),
    packageJsonFullPath: join(root, "packages", "cli", "package.json"),
  });
}
