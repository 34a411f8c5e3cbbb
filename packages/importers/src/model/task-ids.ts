import { identifierProblem, portableIdFor } from "@orchc/compiler";

/** The source's name when every target accepts it as an id, else the nearest name that is. */
export const taskIdFor = (name: string): string => (identifierProblem(name) === null ? name : portableIdFor(name));

/** A pipeline id from a prefix and a part (`control_table` + `1` → `control_table_group_1`). */
export const pipelineIdFor = (prefix: string, group: string): string => portableIdFor(`${prefix}_group_${group}`);
