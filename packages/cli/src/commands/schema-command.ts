import { PipelineInputSchema } from "@orchc/dsl/schema";
import * as z from "zod";

/** The JSON Schema of the plain-object form, generated from the same zod schemas the compiler checks with. */
export function pipelineJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(PipelineInputSchema, { target: "draft-2020-12", unrepresentable: "any" }),
    title: "orchc pipeline",
  };
}

export function schemaCommand(): number {
  process.stdout.write(`${JSON.stringify(pipelineJsonSchema(), null, 2)}\n`);
  return 0;
}
