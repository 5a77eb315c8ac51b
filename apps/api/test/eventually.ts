// Waiting for something that happens soon but not at once (another instance hearing of a
// change notice), without a bare sleep: poll, up to a bound.

/**
 * Polls `read` until it returns `expected` or `boundMs` passes; returns the last value read
 * (assert on it, so a value that never came fails with what was seen).
 *
 * @example
 * ```ts
 * expect(await eventually(() => statusOf(other, headers), 401)).toBe(401);
 * ```
 */
export async function eventually<T>(read: () => T | Promise<T>, expected: T, boundMs = 15_000): Promise<T> {
  const deadline = Date.now() + boundMs;
  let value = await read();
  while (value !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    value = await read();
  }
  return value;
}
