/**
 * User names index plain objects everywhere (params, secrets, compute, environments, env). A plain
 * lookup `record[name]` finds Object.prototype's members for names like `constructor` or
 * `toString`; every lookup by a user's name goes through here instead.
 */
export const ownValue = <T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined =>
  record !== null && record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
