// How the models that take label sets read and write them (data/multilabel.ts), handed to the shared
// model code (model.ts, fit_data.ts) as their spec's `labelSets`. The shared code reaches label-set
// code only through a spec, so an app whose models take one label per row does not carry it.

import { declaredForm, isIndicatorMatrix, readMultiLabel, writeMultiLabel } from "../data/multilabel.js";
import { subsetHits } from "../objectives/heads.js";

/** The label-set readers and writers a spec hands the shared model code. */
export interface LabelSetCodec {
  readonly read: typeof readMultiLabel;
  readonly write: typeof writeMultiLabel;
  readonly isIndicatorMatrix: typeof isIndicatorMatrix;
  readonly declaredForm: typeof declaredForm;
  readonly subsetHits: typeof subsetHits;
}

/** data/multilabel.ts's rules, for specs whose targets name label sets. */
export const LABEL_SETS: LabelSetCodec = { read: readMultiLabel, write: writeMultiLabel, isIndicatorMatrix, declaredForm, subsetHits };
