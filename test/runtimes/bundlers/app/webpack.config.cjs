// webpack 5 as documented: no loader or plugin needed (it follows new URL(…, import.meta.url) and
// new Worker(new URL(…))). The output folder comes from the command line, and the entry too for the
// one-model app (--env entry=…).
module.exports = (env) => ({ mode: "production", entry: env.entry ?? "./main.js", output: { filename: "main.js" } });
