// An app that uses wasmax without a model (a metric): bundlers must leave every model out.
import { accuracy } from "wasmax";

console.log(accuracy(["a", "b"], ["a", "a"]));
