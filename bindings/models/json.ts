// What every saved-model reader does first: a JSON string is parsed, and the result must be an
// object. Errors are TypeErrors that start with the reader's name.

export function readJSONObject(where: string, json: unknown): Record<string, unknown> {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (cause) {
      throw new TypeError(`${where}: not valid JSON (${(cause as Error).message})`);
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new TypeError(`${where}: expected an object or a JSON string`);
  return value as Record<string, unknown>;
}

/** How a saved model's training went, read leniently: these fields describe the past, not the weights. */
export function trainingRecord(o: { nIter?: unknown; lossCurve?: unknown; converged?: unknown }): {
  nIter: number;
  lossCurve: number[];
  converged: boolean;
} {
  return {
    nIter: Number.isInteger(o.nIter) && (o.nIter as number) >= 0 ? (o.nIter as number) : 0,
    lossCurve: Array.isArray(o.lossCurve) ? Array.from(o.lossCurve as unknown[]).filter((v): v is number => typeof v === "number") : [],
    converged: o.converged !== false,
  };
}
