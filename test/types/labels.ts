// Label types as fit and fitInWorker give them: literal labels widen to string / number, so a model
// trained on ["cat", "dog"] scores and keeps training on any string[]; a caller who names the type
// keeps the literals, and a model of a named label type refuses other labels.

import { SoftmaxRegression, MLPClassifier, fitInWorker } from "wasmax";

export async function labels(rows: number[][], X: Float32Array, names: string[], ids: number[]): Promise<void> {
  const model = new SoftmaxRegression().fit(rows, ["cat", "dog"]);
  const wide: SoftmaxRegression<string> = model;
  const accuracy: number = model.score(rows, names);
  model.partialFit(rows, names);
  const numbers = new SoftmaxRegression().fit(rows, [0, 1]);
  const numberModel: SoftmaxRegression<number> = numbers;
  numbers.score(rows, ids);
  const typed = new SoftmaxRegression().fit(X, [3, 4], { features: 2 });
  typed.score(X, ids);
  const mlp = new MLPClassifier().fit(rows, ["cat", "dog"]);
  mlp.score(rows, names);
  const remote = await fitInWorker(rows, ["cat", "dog"]);
  remote.score(rows, names);
  const remoteTyped = await fitInWorker(X, [1, 2], {}, { features: 2 });
  remoteTyped.score(X, ids);
  const remoteMlp = await fitInWorker(rows, ["cat", "dog"], {}, { model: "MLPClassifier" });
  remoteMlp.score(rows, names);

  // Literals when asked for: the type argument, or a model of a named label type.
  const literal = new SoftmaxRegression().fit<"cat" | "dog">(rows, ["cat", "dog"]);
  const pets: ("cat" | "dog")[] = literal.predict(rows);
  // @ts-expect-error a model of "cat" | "dog" scores only those labels
  literal.score(rows, names);
  const named = new SoftmaxRegression<"cat" | "dog">().fit(rows, ["cat"]);
  const namedPets: ("cat" | "dog")[] = named.predict(rows);
  // @ts-expect-error "bird" is not a label of this model
  new SoftmaxRegression<"cat" | "dog">().fit(rows, ["bird"]);
  const remoteLiteral = await fitInWorker<"cat" | "dog">(rows, ["cat", "dog"]);
  const remotePets: ("cat" | "dog")[] = remoteLiteral.predict(rows);
  // @ts-expect-error booleans are not labels
  new SoftmaxRegression().fit(rows, [true, false]);
  // @ts-expect-error booleans are not labels
  await fitInWorker(rows, [true, false]);
  console.log(wide, accuracy, numberModel, pets, namedPets, remotePets);
}
