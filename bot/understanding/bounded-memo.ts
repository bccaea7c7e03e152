/**
 * Remembers a pure function's results for recently seen keys (words, mostly), so a turn does not redo work done for
 * the same word a moment ago. Bounded: when full it starts again, so memory stays flat however many words arrive.
 */
export function boundedMemo<T>(compute: (key: string) => T, capacity = 50_000): (key: string) => T {
  let cache = new Map<string, T>();
  return (key: string) => {
    const known = cache.get(key);
    if (known !== undefined) return known;
    const value = compute(key);
    if (cache.size >= capacity) cache = new Map();
    cache.set(key, value);
    return value;
  };
}
