#!/usr/bin/env python3
"""ONNX files made by the real producers, for fromONNX (test/fixtures/onnx/):
  torch-mlp.onnx          torch.onnx.export of nn.Sequential(Linear, ReLU, Linear), trained on iris
  torch-deep.onnx         nn.Sequential(Flatten, Linear, Tanh, Linear, Tanh, Linear, Softmax)
  torch-multilabel.onnx   nn.Sequential(Linear, Sigmoid): one logistic output per label
  linear-classifier.onnx  ai.onnx.ml LinearClassifier (post_transform SOFTMAX, string labels) holding
                          scikit-learn's multinomial LogisticRegression, as skl2onnx lays it out
  zipmap.onnx             the same followed by ZipMap (wasmax refuses it with a hint)
  unsupported-op.onnx     Gemm then LeakyRelu (wasmax refuses the op by name)
and expected.json: the iris rows fed in and each model's probabilities: exact (float64 arithmetic on
the file's float32 weights), PyTorch's own float32 forward pass, and scikit-learn's predict_proba
for the LinearClassifier.
Run with Debian's packages: apt-get install -y python3-torch python3-onnx python3-sklearn &&
/usr/bin/python3 scripts/make-onnx-fixtures.py
"""
import json, os
import numpy as np
import onnx
import sklearn
import torch
from onnx import TensorProto, helper
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "onnx")
os.makedirs(OUT, exist_ok=True)
iris = load_iris()
X = iris.data.astype(np.float32)
y = iris.target
X_test = X[1::2]
torch.manual_seed(0)


def train(model, loss, targets, steps=300):
    opt = torch.optim.Adam(model.parameters(), lr=0.05)
    inputs = torch.from_numpy(X[::2])
    for _ in range(steps):
        opt.zero_grad()
        loss(model(inputs), targets).backward()
        opt.step()
    return model.eval()


def exact(model, softmax=False):
    """The model's outputs on X_test in float64 (its float32 weights, exact arithmetic to 1e-15),
    and PyTorch's own float32 forward pass."""
    with torch.no_grad():
        out64 = model.double()(torch.from_numpy(X_test).double())
        model.float()
        out32 = model(torch.from_numpy(X_test))
        if softmax:
            out64, out32 = torch.softmax(out64, dim=1), torch.softmax(out32, dim=1)
    return out64.tolist(), out32.tolist()


def export(model, name):
    torch.onnx.export(model, torch.from_numpy(X_test[:2]), os.path.join(OUT, name), input_names=["X"], output_names=["Y"],
                      dynamic_axes={"X": {0: "N"}, "Y": {0: "N"}}, opset_version=13)


expected = {"source": f"scripts/make-onnx-fixtures.py: torch {torch.__version__}, onnx {onnx.__version__}, scikit-learn {sklearn.__version__}",
            "X": X_test.tolist()}
labels = torch.from_numpy(y[::2])

mlp = train(torch.nn.Sequential(torch.nn.Linear(4, 16), torch.nn.ReLU(), torch.nn.Linear(16, 3)), torch.nn.CrossEntropyLoss(), labels)
export(mlp, "torch-mlp.onnx")
expected["torch-mlp"], expected["torch-mlp-float32"] = exact(mlp, softmax=True)

deep = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 8), torch.nn.Tanh(),
                           torch.nn.Linear(8, 3), torch.nn.Softmax(dim=1))
train(deep, lambda p, t: torch.nn.functional.nll_loss(torch.log(p), t), labels)
export(deep, "torch-deep.onnx")
expected["torch-deep"], expected["torch-deep-float32"] = exact(deep)

# Labels: "large petal" and "long sepal", which overlap.
sets = torch.from_numpy(np.stack([X[::2, 2] > 4.0, X[::2, 0] > 6.0], axis=1).astype(np.float32))
multilabel = train(torch.nn.Sequential(torch.nn.Linear(4, 2), torch.nn.Sigmoid()), torch.nn.BCELoss(), sets)
export(multilabel, "torch-multilabel.onnx")
expected["torch-multilabel"], expected["torch-multilabel-float32"] = exact(multilabel)

logistic = LogisticRegression(C=1.0, max_iter=1000).fit(iris.data[::2], y[::2])
names = [str(n) for n in iris.target_names]
coef = logistic.coef_.astype(np.float32)
intercept = logistic.intercept_.astype(np.float32)


def linear_classifier(zipmap):
    nodes = [helper.make_node("LinearClassifier", ["X"], ["label", "probabilities"], domain="ai.onnx.ml",
                              coefficients=coef.ravel().tolist(), intercepts=intercept.tolist(),
                              classlabels_strings=names, multi_class=1, post_transform="SOFTMAX")]
    outputs = [helper.make_tensor_value_info("label", TensorProto.STRING, ["N"])]
    if zipmap:
        nodes.append(helper.make_node("ZipMap", ["probabilities"], ["output_probability"], domain="ai.onnx.ml", classlabels_strings=names))
        sequence_of_maps = onnx.TypeProto()
        sequence_of_maps.sequence_type.elem_type.map_type.key_type = TensorProto.STRING
        sequence_of_maps.sequence_type.elem_type.map_type.value_type.tensor_type.elem_type = TensorProto.FLOAT
        outputs.append(helper.make_value_info("output_probability", sequence_of_maps))
    else:
        outputs.append(helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 3]))
    graph = helper.make_graph(nodes, "LogisticRegression", [helper.make_tensor_value_info("X", TensorProto.FLOAT, ["N", 4])], outputs)
    model = helper.make_model(graph, producer_name="scripts/make-onnx-fixtures.py",
                              opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid("ai.onnx.ml", 1)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


onnx.save(linear_classifier(False), os.path.join(OUT, "linear-classifier.onnx"))
onnx.save(linear_classifier(True), os.path.join(OUT, "zipmap.onnx"))
scores = X_test.astype(np.float64) @ coef.T.astype(np.float64) + intercept
scores = np.exp(scores - scores.max(axis=1, keepdims=True))
expected["linear-classifier"] = (scores / scores.sum(axis=1, keepdims=True)).tolist()
expected["linear-classifier-sklearn"] = logistic.predict_proba(iris.data[1::2]).tolist()
expected["linear-classifier-classes"] = names

weight = helper.make_tensor("W", TensorProto.FLOAT, [3, 4], np.ones(12, dtype=np.float32).tolist())
graph = helper.make_graph([helper.make_node("Gemm", ["X", "W"], ["Z"], name="fc", transB=1), helper.make_node("LeakyRelu", ["Z"], ["Y"], name="leaky")],
                          "unsupported", [helper.make_tensor_value_info("X", TensorProto.FLOAT, ["N", 4])],
                          [helper.make_tensor_value_info("Y", TensorProto.FLOAT, ["N", 3])], [weight])
unsupported = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
unsupported.ir_version = 8
onnx.checker.check_model(unsupported)
onnx.save(unsupported, os.path.join(OUT, "unsupported-op.onnx"))

with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump(expected, f)
    f.write("\n")
print("wrote", sorted(os.listdir(OUT)))
