// What `import { … } from "orchc"` gives a pipeline file: the language, and nothing heavy.
export * from "@orchc/dsl";
