// webpack 5 as documented: no loader or plugin needed (it follows new URL(…, import.meta.url) and
// new Worker(new URL(…))). The output folder comes from the command line.
module.exports = { mode: "production", entry: "./main.js", output: { filename: "main.js" } };
