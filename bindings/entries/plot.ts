/**
 * Charts as SVG text: the loss curve, the confusion matrix as a heat map, and the decision regions
 * of a two-feature model. Pure JavaScript with no dependency and no wasm: the same input gives the
 * same bytes, in Node, browsers and workers.
 * @module wasmax/plot
 */

export { lossCurveSVG } from "../plot/loss_curve.js";
export type { LossCurveOptions } from "../plot/loss_curve.js";
export { confusionMatrixSVG } from "../plot/confusion_matrix.js";
export type { ConfusionMatrixInput, ConfusionMatrixOptions } from "../plot/confusion_matrix.js";
export { decisionRegionsSVG } from "../plot/decision_regions.js";
export type { DecisionRegionsOptions, Predictor } from "../plot/decision_regions.js";
export type { Label } from "../plot/checks.js";
