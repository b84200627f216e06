/**
 * The `k` ids with the highest scores, best first (ties: lower id first), without sorting them all:
 * a small sorted buffer is enough when k is a few dozen and the candidates are thousands.
 */
export function topK(ids: ArrayLike<number>, count: number, score: (id: number) => number, k: number): number[] {
  const best: number[] = [];
  const bestScores: number[] = [];
  for (let i = 0; i < count; i++) {
    const id = ids[i]!;
    const s = score(id);
    if (best.length === k && (s < bestScores[k - 1]! || (s === bestScores[k - 1]! && id > best[k - 1]!))) continue;
    let at = best.length;
    while (at > 0 && (bestScores[at - 1]! < s || (bestScores[at - 1] === s && best[at - 1]! > id))) at--;
    best.splice(at, 0, id);
    bestScores.splice(at, 0, s);
    if (best.length > k) {
      best.pop();
      bestScores.pop();
    }
  }
  return best;
}
