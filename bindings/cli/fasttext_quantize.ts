// `wasmax quantize -output <name> [-input <file>] [flags]`: reads <name>.bin and writes <name>.ftz as
// `fasttext quantize` does (quantize(), with -retrain on the -input lines).

import { FastTextClassifier, quantize, toFastText } from "../fasttext_api.js";
import type { FastTextFlags } from "./fasttext_flags.js";
import { fastTextLines, loadModel, readText } from "./fasttext_input.js";
import { writeAtomic } from "./model_file.js";

export async function quantizeCommand(flags: FastTextFlags, stdin: NodeJS.ReadableStream): Promise<void> {
  const output = flags["output"] as string;
  const model = await loadModel(`${output}.bin`);
  try {
    const training = flags["retrain"] === true ? fastTextLines(await readText(flags["input"] as string, stdin)).lines : undefined;
    // fastText's quantize reads its flags with Args' own defaults, not supervised's: a retrain runs
    // 5 epochs from lr 0.05 unless told otherwise.
    const optional = (name: string) => (flags[name] === undefined ? {} : { [name]: flags[name] });
    let quantized: FastTextClassifier;
    try {
      quantized = quantize(model, {
        ...optional("cutoff"),
        ...optional("dsub"),
        qnorm: flags["qnorm"] === true,
        qout: flags["qout"] === true,
        ...(training
          ? {
              retrain: true,
              texts: training,
              labels: training.map(() => []),
              ...optional("epoch"),
              ...optional("lr"),
              ...optional("thread"),
            }
          : {}),
      });
    } catch (error) {
      throw new Error(`${output}.bin: ${(error as Error).message}`, { cause: error });
    }
    try {
      await writeAtomic(`${output}.ftz`, toFastText(quantized));
    } finally {
      quantized.dispose();
    }
  } finally {
    model.dispose();
  }
}
