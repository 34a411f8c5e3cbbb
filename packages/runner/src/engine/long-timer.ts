/** The longest delay setTimeout takes: above it Node fires after 1 ms (TimeoutOverflowWarning). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface LongTimer {
  cancel(): void;
}

/**
 * setTimeout for any delay: a timeout of 25 days (longer than 2^31-1 ms, about 24.8 days) waits
 * in steps no longer than MAX_TIMER_MS instead of firing at once.
 */
export function startTimer(delayMs: number, callback: () => void): LongTimer {
  let remaining = Math.max(0, delayMs);
  let handle: NodeJS.Timeout;
  const arm = () => {
    const step = Math.min(remaining, MAX_TIMER_MS);
    remaining -= step;
    handle = setTimeout(() => (remaining > 0 ? arm() : callback()), step);
  };
  arm();
  return { cancel: () => clearTimeout(handle) };
}
