/**
 * The catalogue key closest to `word` within `maxDistance` edits, or null.
 * Words whose lengths differ by more than `maxDistance` are never compared, and
 * each comparison stops once no cell of the band can come back under the bound:
 * the cost is O(catalogue × key length × bound) whatever the length of `word`.
 */
export function closestKey(word: string, keys: Iterable<string>, maxDistance: number): string | null {
  for (const key of keys) {
    if (Math.abs(key.length - word.length) <= maxDistance && withinDistance(key, word, maxDistance)) return key;
  }
  return null;
}

/** Levenshtein distance at most `max`, computed on the diagonal band |i - j| <= max only. */
export function withinDistance(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  const outside = max + 1;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j <= max ? j : outside;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    current.fill(outside);
    current[0] = i <= max ? i : outside;
    let best = current[0];
    for (let j = from; j <= to; j++) {
      const substitution = (previous[j - 1] ?? outside) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const value = Math.min((previous[j] ?? outside) + 1, (current[j - 1] ?? outside) + 1, substitution, outside);
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > max) return false;
    [previous, current] = [current, previous];
  }
  return (previous[b.length] ?? outside) <= max;
}
