// std::sort exactly as GNU libstdc++ runs it (introsort: median-of-three quicksort down to runs of 16,
// heapsort past depth 2 floor(log2 n), then one insertion sort). std::sort is not stable, so the order
// it leaves equal elements in is this algorithm's: fastText sorts its dictionary (by type, then count)
// and the rows kept by quantize's cutoff (by norm) with it, and ties are common (every word seen once).
// Replaying the same comparisons and moves gives the same word ids and rows as native fastText.
//
// Sorts `items` in place by `less` (a strict weak ordering over the items' values).

const THRESHOLD = 16;

/** Sorts items in place as libstdc++'s std::sort(first, last, less) would. */
export function cxxSort(items: Int32Array, less: (a: number, b: number) => boolean): void {
  const n = items.length;
  if (n < 2) return;
  introsortLoop(items, 0, n, 2 * (31 - Math.clz32(n)), less);
  finalInsertionSort(items, 0, n, less);
}

function introsortLoop(a: Int32Array, first: number, last: number, depth: number, less: (x: number, y: number) => boolean): void {
  while (last - first > THRESHOLD) {
    if (depth === 0) {
      heapSort(a, first, last, less);
      return;
    }
    depth--;
    const cut = partitionPivot(a, first, last, less);
    introsortLoop(a, cut, last, depth, less);
    last = cut;
  }
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

function partitionPivot(a: Int32Array, first: number, last: number, less: (x: number, y: number) => boolean): number {
  const mid = first + ((last - first) >> 1);
  // __move_median_to_first(first, first + 1, mid, last - 1)
  const x = first + 1;
  const z = last - 1;
  if (less(a[x]!, a[mid]!)) {
    if (less(a[mid]!, a[z]!)) swap(a, first, mid);
    else if (less(a[x]!, a[z]!)) swap(a, first, z);
    else swap(a, first, x);
  } else if (less(a[x]!, a[z]!)) swap(a, first, x);
  else if (less(a[mid]!, a[z]!)) swap(a, first, z);
  else swap(a, first, mid);
  // __unguarded_partition(first + 1, last, pivot = first)
  let lo = first + 1;
  let hi = last;
  for (;;) {
    while (less(a[lo]!, a[first]!)) lo++;
    hi--;
    while (less(a[first]!, a[hi]!)) hi--;
    if (!(lo < hi)) return lo;
    swap(a, lo, hi);
    lo++;
  }
}

function finalInsertionSort(a: Int32Array, first: number, last: number, less: (x: number, y: number) => boolean): void {
  if (last - first > THRESHOLD) {
    insertionSort(a, first, first + THRESHOLD, less);
    for (let i = first + THRESHOLD; i < last; i++) unguardedLinearInsert(a, i, less);
  } else {
    insertionSort(a, first, last, less);
  }
}

function insertionSort(a: Int32Array, first: number, last: number, less: (x: number, y: number) => boolean): void {
  for (let i = first + 1; i < last; i++) {
    const v = a[i]!;
    if (less(v, a[first]!)) {
      a.copyWithin(first + 1, first, i);
      a[first] = v;
    } else {
      unguardedLinearInsert(a, i, less);
    }
  }
}

function unguardedLinearInsert(a: Int32Array, last: number, less: (x: number, y: number) => boolean): void {
  const v = a[last]!;
  let next = last - 1;
  while (less(v, a[next]!)) {
    a[last] = a[next]!;
    last = next;
    next--;
  }
  a[last] = v;
}

// std::__partial_sort(first, last, last): make_heap, then pop_heap down to one element.
function heapSort(a: Int32Array, first: number, last: number, less: (x: number, y: number) => boolean): void {
  const len = last - first;
  if (len >= 2) {
    for (let parent = (len - 2) >> 1; ; parent--) {
      adjustHeap(a, first, parent, len, a[first + parent]!, less);
      if (parent === 0) break;
    }
  }
  while (last - first > 1) {
    last--;
    const v = a[last]!;
    a[last] = a[first]!;
    adjustHeap(a, first, 0, last - first, v, less);
  }
}

function adjustHeap(a: Int32Array, first: number, hole: number, len: number, value: number, less: (x: number, y: number) => boolean): void {
  const top = hole;
  let child = hole;
  while (child < (len - 1) >> 1) {
    child = 2 * (child + 1);
    if (less(a[first + child]!, a[first + child - 1]!)) child--;
    a[first + hole] = a[first + child]!;
    hole = child;
  }
  if ((len & 1) === 0 && child === (len - 2) >> 1) {
    child = 2 * (child + 1);
    a[first + hole] = a[first + child - 1]!;
    hole = child - 1;
  }
  // __push_heap(first, hole, top, value)
  let parent = (hole - 1) >> 1;
  while (hole > top && less(a[first + parent]!, value)) {
    a[first + hole] = a[first + parent]!;
    hole = parent;
    parent = (hole - 1) >> 1;
  }
  a[first + hole] = value;
}
