// The `wasmax` executable (package.json "bin"): runs the command line and exits with its code.

import { setBinaryLocator } from "../runtime/runtime.js";
import { fastTextNodeBinaries } from "./fasttext_node_binaries.js";
import { registerTextModels } from "../models/registry.js";
import { TEXT_MODELS } from "../models/text_models.js";
import { main } from "../cli/main.js";

// The CLI trains fastText models too (cli/fasttext_commands.ts): it loads the fastText binaries.
setBinaryLocator(fastTextNodeBinaries);
registerTextModels(TEXT_MODELS);
process.exitCode = await main(process.argv.slice(2));
