// Usage: node scripts/gen-onnx-proto.js
// Regenerates bindings/onnx/proto/onnx_pb.js (+ .d.ts) from onnx.proto with protobufjs-cli:
// static encode/decode only (no verify, convert, create or delimited helpers), on protobufjs/minimal.
// onnx.proto is upstream's file, unchanged: github.com/onnx/onnx, onnx/onnx.proto at commit
// 6a1de3b746e42a0ce194ec27176699c4c160acbd (release 1.23, IR version 14), Apache-2.0.

import { execFileSync } from "node:child_process";

const dir = "bindings/onnx/proto";
const run = (tool, args) => execFileSync("npx", ["--no-install", tool, ...args], { stdio: "inherit" });

run("pbjs", [
  "-t",
  "static-module",
  "-w",
  "es6",
  "--no-verify",
  "--no-convert",
  "--no-delimited",
  "--no-service",
  "--no-create",
  "-o",
  `${dir}/onnx_pb.js`,
  `${dir}/onnx.proto`,
]);
run("pbts", ["-o", `${dir}/onnx_pb.d.ts`, `${dir}/onnx_pb.js`]);
