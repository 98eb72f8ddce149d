// The documentation site that `npm run docs` builds into site/ (npm test builds it first), opened in
// headless Chromium from a server on 127.0.0.1: the index loads, the search finds SoftmaxRegression,
// and no link or resource of any page reachable from the index fails or answers 404.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createServer } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium, openPage } from "../runtimes/browser.js";

const SITE = fileURLToPath(new URL("../../site/", import.meta.url));
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json" };

const Site = suite("documentation site");
let server;
let origin;
let browser;

Site.before(async () => {
  if (!existsSync(join(SITE, "index.html"))) throw new Error("site/ has no index.html: run `npm run docs` first");
  server = createServer((request, response) => {
    // Chromium asks every origin for /favicon.ico; the site has none, which is not a broken link.
    if (request.url === "/favicon.ico") return void response.writeHead(204).end();
    const path = normalize(join(SITE, decodeURIComponent(new URL(request.url, "http://x").pathname)));
    const file = path.startsWith(SITE) && existsSync(path) && statSync(path).isDirectory() ? join(path, "index.html") : path;
    if (!file.startsWith(SITE) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
});

Site.after(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.close(done) : done()));
});

Site("the index loads: the README as the front page, with the guides and the reference in its navigation", async () => {
  const page = await openPage(browser.context, `${origin}/index.html`);
  assert.match(await page.title(), /wasmax/);
  assert.is((await page.locator("h2#quick-start, h2:has-text('Quick start')").count()) > 0, true, "the quick start is on the front page");
  await page.waitForSelector("a[href$='documents/Getting_started.html']");
  await page.waitForSelector("a[href$='classes/wasmax.SoftmaxRegression.html']", { state: "attached" });
  assert.equal(page.problems, []);
  await page.close();
});

Site("the search finds SoftmaxRegression", async () => {
  const page = await openPage(browser.context, `${origin}/index.html`);
  await page.click("#tsd-search-trigger");
  await page.fill("#tsd-search-input", "SoftmaxRegression");
  const first = page.locator("#tsd-search-results li a").first();
  await first.waitFor({ timeout: 10000 });
  assert.match(await first.getAttribute("href"), /classes\/wasmax\.SoftmaxRegression\.html/);
  await first.click();
  await page.waitForURL(/classes\/wasmax\.SoftmaxRegression\.html/);
  assert.match(await page.locator("h1").first().innerText(), /SoftmaxRegression/);
  assert.equal(page.problems, []);
  await page.close();
});

Site("no link 404s: every link and resource of every page reachable from the index answers", async () => {
  // Every page is fetched over HTTP and its href and src targets requested; the index, the guides
  // and the module pages are also loaded in Chromium, which reports any resource that fails (a
  // script, a stylesheet, a chart). Loading all ~130 pages in the browser would take half a minute.
  const failures = [];
  const seen = new Set(["/index.html"]);
  const queue = ["/index.html"];
  const browserPages = [];
  while (queue.length > 0) {
    const path = queue.shift();
    const html = await (await fetch(`${origin}${path}`)).text();
    if (path === "/index.html" || /\/(documents|modules)\//.test(path)) browserPages.push(path);
    for (const [, raw] of html.matchAll(/\s(?:href|src)="([^"#]*)(?:#[^"]*)?"/g)) {
      if (raw === "" || /^[a-z][a-z0-9+.-]*:/i.test(raw)) continue; // same page, or another site
      const url = new URL(raw.replace(/&amp;/g, "&"), `${origin}${path}`);
      if (seen.has(url.pathname)) continue;
      seen.add(url.pathname);
      const response = await fetch(url);
      if (response.status >= 400) failures.push(`${response.status} ${url.pathname} (linked from ${path})`);
      else if (url.pathname.endsWith(".html")) queue.push(url.pathname);
    }
  }
  const page = await browser.context.newPage();
  page.on("response", (response) => {
    if (response.status() >= 400) failures.push(`${response.status()} ${response.url()} (loaded by ${page.url()})`);
  });
  page.on("requestfailed", (request) => failures.push(`failed ${request.url()} (loaded by ${page.url()})`));
  for (const path of browserPages) await page.goto(`${origin}${path}`, { waitUntil: "load" });
  await page.close();
  const pages = [...seen].filter((p) => p.endsWith(".html"));
  assert.ok(pages.length > 50, `reached ${pages.length} pages`);
  assert.ok(
    browserPages.some((p) => p.endsWith("documents/Benchmarks.html")),
    "the guides are reachable",
  );
  assert.equal(failures, []);
});

Site.run();
