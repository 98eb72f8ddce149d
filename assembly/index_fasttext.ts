// The fastText-capable binaries' exports (asconfig.fasttext.json, wasm/fasttext-*.wasm): every
// kernel of index.ts plus fastText's training and prediction, which only "wasmax/fasttext" loads, so
// the binaries every other app fetches do not carry them.

export * from "./index";
export { ftUpdate, ftTrain, ftUniformFill } from "./fasttext_train";
export { ftPredict } from "./fasttext_predict";
export { ftScan } from "./fasttext_scan";
export { ftNearestCentroids } from "./fasttext_pq";
