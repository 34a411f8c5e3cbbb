/**
 * Every target hands params and secrets to a task's process the same way: as environment
 * variables, expanded quoted by the shell. Only how the value reaches the variable differs.
 */
export const paramEnvName = (param: string): string => `ORCHC_PARAM_${param}`;
