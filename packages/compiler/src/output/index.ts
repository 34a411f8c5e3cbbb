export type { FileFormat, GeneratedFile } from "./generated-file.js";
export { parseHeader, renderWithHeader, type HeaderMeta, type ParsedHeader } from "./file-header.js";
export type { OutputRequest, RenderedFile } from "./output-request.js";
export { writeGeneratedFiles, type WriteResult } from "./write-files.js";
export { OutputRefusedError } from "./output-refused-error.js";
export { linkedDirectoryDiagnostics } from "./linked-directory-diagnostics.js";
export { buildCommandLine, type BuildInvocation } from "./build-invocation.js";
