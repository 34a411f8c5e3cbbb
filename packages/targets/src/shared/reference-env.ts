/**
 * Every target hands params, secrets and run values to a task's process the same way: as environment
 * variables, expanded quoted by the shell. Only how the value reaches the variable differs. The
 * name is the local runner's, which sets the variables itself at run time.
 */
export { paramEnvName, RUN_VALUE_ENV } from "@orchc/runner";
