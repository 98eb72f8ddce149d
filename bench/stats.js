// Summaries of repeated measurements, as the bench results record them.

/** Median, min and max of samples, and how many there were. */
export function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1), runs: sorted.length };
}
