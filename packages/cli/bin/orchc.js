#!/usr/bin/env node
// V8's compile cache (Node ≥ 22.1) keeps the compiled CLI between runs; it must be on before the
// bundle is imported, hence the dynamic import. Where Node lacks it this is a no-op.
import module from "node:module";

module.enableCompileCache?.();
await import("../dist/bundle/orchc.js");
