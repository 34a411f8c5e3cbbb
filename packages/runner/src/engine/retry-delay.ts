import type { PlanRetry } from "../plan.js";

/** Seconds to wait after failed attempt `attempt` (1-based): fixed, or doubling up to the maximum — as every target does. */
export function retryDelaySeconds(retry: PlanRetry, attempt: number): number {
  const delay = retry.backoff === "exponential" ? retry.delaySeconds * 2 ** (attempt - 1) : retry.delaySeconds;
  return retry.maxDelaySeconds === null ? delay : Math.min(delay, retry.maxDelaySeconds);
}
