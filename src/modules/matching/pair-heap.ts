/**
 * A binary min-heap of integers (families, for the assignment solver) keyed by pairs of numbers
 * (children, score distances) compared lexicographically, in typed arrays of a fixed capacity.
 */
export class PairHeap {
  private readonly c: Float64Array;
  private readonly s: Float64Array;
  private readonly v: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.c = new Float64Array(capacity);
    this.s = new Float64Array(capacity);
    this.v = new Int32Array(capacity);
  }

  topValue(): number {
    return this.v[0]!;
  }

  clear(): void {
    this.size = 0;
  }

  push(c: number, s: number, value: number): void {
    const { c: hc, s: hs, v: hv } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pc = hc[parent]!;
      if (pc < c || (pc === c && hs[parent]! <= s)) break;
      hc[i] = pc;
      hs[i] = hs[parent]!;
      hv[i] = hv[parent]!;
      i = parent;
    }
    hc[i] = c;
    hs[i] = s;
    hv[i] = value;
  }

  pop(): number {
    const { c: hc, s: hs, v: hv } = this;
    const top = hv[0]!;
    const n = --this.size;
    if (n === 0) return top;
    const c = hc[n]!;
    const s = hs[n]!;
    const value = hv[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (hc[right]! < hc[child]! || (hc[right] === hc[child] && hs[right]! < hs[child]!))) child = right;
      const cc = hc[child]!;
      if (c < cc || (c === cc && s <= hs[child]!)) break;
      hc[i] = cc;
      hs[i] = hs[child]!;
      hv[i] = hv[child]!;
      i = child;
    }
    hc[i] = c;
    hs[i] = s;
    hv[i] = value;
    return top;
  }
}

/**
 * Dijkstra's next step, the same in the solver (assignment.ts) and the recruitment gap
 * (gap-solver.ts): takes from the heap the nearest family not yet settled (`state` 2 means settled;
 * stale entries are dropped), if it is nearer than the best way out found so far (`bestC`, `bestS`,
 * compared lexicographically). Returns the family, or −1 when the search may stop.
 */
export function settleNearest(heap: PairHeap, state: Uint8Array, distC: Float64Array, distS: Float64Array, bestC: number, bestS: number): number {
  while (heap.size > 0) {
    const f = heap.topValue();
    if (state[f] === 2) {
      heap.pop();
      continue;
    }
    const c = distC[f]!;
    const s = distS[f]!;
    if (c < bestC || (c === bestC && s < bestS)) {
      heap.pop();
      return f;
    }
    return -1;
  }
  return -1;
}
