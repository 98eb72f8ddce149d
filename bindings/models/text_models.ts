// The text models (models/registry.ts says why they are apart from MODELS): imported only by
// "wasmax/fasttext", whose entries register them, so no other app carries them.

import { FastTextClassifier } from "./fasttext_classifier.js";

/** The text models "wasmax/fasttext" registers. */
export const TEXT_MODELS = [FastTextClassifier] as const;
