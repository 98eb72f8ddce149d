// An app that uses one model: bundlers must leave the others out ("sideEffects": false).
import { init, SoftmaxRegression } from "wasmax";

await init();
console.log(new SoftmaxRegression().fit([[0], [1]], ["a", "b"]).predict([[1]]));
