// The `wasmax` command line (Node ≥ 18): train, test, predict and info on CSV files, shaped like
// fastText's supervised / test / predict-prob; text files in text_commands.ts, ONNX in onnx_commands.ts.
// It imports only the public API (the proof that the API is enough) and the formats. Exit codes:
// 0 ok, 1 failed (bad data, a model that cannot load), 2 usage (one short line, with the nearest
// command or flag when one is near).

import { readFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { init } from "../api.js";
import { UsageError, didYouMean } from "./arguments.js";
import { STDIO, readInput, type Io } from "./io.js";
import { exportONNX, importONNX } from "./onnx_commands.js";
import { plot } from "./plot_command.js";
import { info, predict, test } from "./table_commands.js";
import { infoText, isTextModel, isTextTraining, predictText, testText } from "./text_commands.js";
import { trainText } from "./text_train.js";
import { trainPlan } from "./train_plan.js";
import { trainStream } from "./train_stream.js";
import { trainTable } from "./train_table.js";
import { USAGE, help } from "./usage.js";
import { fastTextHelp, fastTextMain, isFastTextCommand } from "./fasttext_commands.js";

/** The package's version (package.json sits one folder above dist/ and build/, where this code is bundled). */
async function version(): Promise<string> {
  try {
    return (JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
  } catch {
    return "(version unknown)";
  }
}

/** Flags of test, predict and info that take a value (the next argument, unless written --flag=value). */
const VALUE_FLAGS = ["-k", "-o", "--output", "--plot"];

/** The first file argument of test, predict or info (the model file): not a flag, nor a flag's value. */
function firstFile(rest: readonly string[]): string {
  return rest.find((a, i) => (!a.startsWith("-") || a === STDIO) && !VALUE_FLAGS.includes(rest[i - 1] ?? "")) ?? "";
}

/**
 * A reader that stops early (`| head`) closes the pipe: the rest of the output is not wanted, and
 * that is no error (without this listener, Node crashes with an unhandled EPIPE).
 */
function ignoreClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
}

export async function main(
  argv: string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  if (await isFastTextCommand(argv)) return fastTextMain(argv, out, err, stdin);
  const [command, ...rest] = argv;
  let io: Io = { out, err, stdin };
  if (typeof out.on === "function" && !out.listeners("error").includes(ignoreClosedPipe)) out.on("error", ignoreClosedPipe);
  try {
    if (command === "--help" || command === "-h") {
      out.write(`${help(await version())}\n${fastTextHelp()}`);
      return 0;
    }
    if (command === "--version" || command === "-v") {
      out.write(`wasmax ${await version()}\n`);
      return 0;
    }
    const commands = Object.keys(USAGE);
    if (!command) throw new UsageError(`a command is required: ${commands.join(", ")} (wasmax --help for their options)`);
    if (!Object.hasOwn(USAGE, command))
      throw new UsageError(
        (command.startsWith("-")
          ? `unknown flag ${command}${didYouMean(command.replace(/^-+/, ""), ["help", "version"], "--")}`
          : `unknown command ${JSON.stringify(command)}${didYouMean(command, commands)}`) + `; commands: ${commands.join(", ")}`,
      );
    if (rest.includes("--help") || rest.includes("-h")) {
      out.write(`${USAGE[command]}\n`);
      return 0;
    }
    await init();
    if (command === "train") {
      if (isTextTraining(rest)) await trainText(rest, io);
      else {
        const plan = await trainPlan(rest);
        await (plan.stream ? trainStream(plan, io) : trainTable(plan, io));
      }
    } else if (command === "test" || command === "predict" || command === "info") {
      // A model file on standard input is read here, so the text-or-table check and the command read the same bytes.
      const modelPath = firstFile(rest);
      let model: string | Buffer = modelPath;
      if (modelPath === STDIO) {
        model = await readInput(STDIO, io);
        io = { ...io, stdin: Readable.from([model]) };
      }
      const text = await isTextModel(model);
      if (command === "test") await (text ? testText(rest, io) : test(rest, io));
      else if (command === "predict") await (text ? predictText(rest, io) : predict(rest, io));
      else await (text ? infoText(rest, io) : info(rest, io));
    } else if (command === "export") await exportONNX(rest, io);
    else if (command === "import") await importONNX(rest, io);
    else await plot(rest, io);
    return 0;
  } catch (error) {
    const usage = error instanceof UsageError;
    const where = command !== undefined && Object.hasOwn(USAGE, command) ? `wasmax ${command}` : "wasmax";
    const more = usage && where !== "wasmax" ? `; ${where} --help lists its flags` : "";
    err.write(`${where}: ${(error as Error).message}${more}\n`);
    return usage ? 2 : 1;
  }
}
