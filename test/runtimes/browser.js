// Starts Debian's Chromium headless through playwright-core, with the flags that work on these
// machines (as root, no outside network). CHROMIUM_PATH overrides where the binary is.

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchChromium(extraFlags = []) {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  const profile = mkdtempSync(join(tmpdir(), "wasmax-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [...FLAGS, ...extraFlags],
    viewport: { width: 1200, height: 1100 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A new page whose console errors and uncaught exceptions are collected in `page.problems`, and the
 * URLs it fetched (its workers' included) in `page.fetched`.
 */
export async function openPage(context, url) {
  const page = await context.newPage();
  page.problems = [];
  page.fetched = [];
  page.on("response", (response) => page.fetched.push(response.url()));
  page.on("pageerror", (error) => page.problems.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") page.problems.push(`console: ${message.text()}`);
  });
  await page.goto(url);
  return page;
}
