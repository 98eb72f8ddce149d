// When a batch is worth cutting into one shard per thread (objectives/threaded.ts): a rule on the
// rows and the work (rows × parameters) each thread's shard must get at least. Its own file, so
// that deciding whether to load the thread code costs the main bundle only this much.

/**
 * What a thread's shard must get at least, below which a batch is split among fewer threads: rows,
 * and rows × parameters (the work of a shard grows with both).
 */
export interface ShardRule {
  rows: number;
  work: number;
}

/** Rows a thread's shard needs at least under `rule`, for a model of `paramCount` parameters. */
export function minShardRows(rule: ShardRule, paramCount: number): number {
  return Math.max(2, rule.rows, Math.ceil(rule.work / paramCount));
}

/**
 * Whether a batch of `batchRows` rows of a model of `paramCount` parameters is ever split under
 * `rule`; if not, the model's own objective computes whole batches, with no shards.
 */
export function splits(batchRows: number, paramCount: number, rule: ShardRule): boolean {
  return batchRows >= 2 * minShardRows(rule, paramCount);
}
