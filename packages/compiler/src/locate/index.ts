export { locateDiagnostics } from "./locate-diagnostics.js";
export { createDataFileLocator, locateInDataFile } from "./locate-data-file.js";
export { createTypeScriptLocator, loadTypeScript, locateInTypeScript, type TypeScriptApi } from "./locate-typescript.js";
export { FILE_START, type LineColumn } from "./position.js";
