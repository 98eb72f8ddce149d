// An app that uses the whole API, to compare with only-softmax.js.
import * as wasmax from "wasmax";

console.log(Object.keys(wasmax).length);
