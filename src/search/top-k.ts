/**
 * The k highest scores offered, best first (ties: lower id first), kept in a small sorted buffer:
 * cheap when k is a few dozen and the stream is thousands long, and nothing is sorted in full.
 */
export class TopBuffer {
  readonly ids: number[] = [];
  readonly scores: number[] = [];

  constructor(private readonly k: number) {}

  offer(id: number, score: number): void {
    const { ids, scores, k } = this;
    if (ids.length === k && (score < scores[k - 1]! || (score === scores[k - 1]! && id > ids[k - 1]!))) return;
    let at = ids.length;
    while (at > 0 && (scores[at - 1]! < score || (scores[at - 1] === score && ids[at - 1]! > id))) at--;
    ids.splice(at, 0, id);
    scores.splice(at, 0, score);
    if (ids.length > k) {
      ids.pop();
      scores.pop();
    }
  }
}

/** The `k` ids with the highest scores, best first. */
export function topK(ids: ArrayLike<number>, count: number, score: (id: number) => number, k: number): number[] {
  const top = new TopBuffer(k);
  for (let i = 0; i < count; i++) top.offer(ids[i]!, score(ids[i]!));
  return top.ids;
}
