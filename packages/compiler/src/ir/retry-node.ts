export interface RetryNode {
  /** Retries after the first attempt; 0 = none. */
  readonly count: number;
  readonly delaySeconds: number;
  readonly backoff: "fixed" | "exponential";
  readonly maxDelaySeconds: number | null;
  readonly onTimeout: boolean;
}
