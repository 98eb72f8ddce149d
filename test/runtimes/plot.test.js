// wasmax/plot in a real headless Chromium: each committed snapshot SVG (test/fixtures/plot) opens
// as a document of its own without a parse error, shows its tick values, titles and legend, keeps
// every text inside its canvas, and rasterizes to a non-blank picture with the colours it draws;
// the same charts drawn in the page are the same bytes; and SVGs made from generated input
// (fast-check) all parse with the browser's DOMParser, their text reading back as given.
// Screenshots go to test/artifacts/plot-<name>.png.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { startServer } from "../../demo/server.js";
import { launchChromium, openPage } from "./browser.js";
import { lossCurveSVG, confusionMatrixSVG, decisionRegionsSVG } from "../../dist/plot.js";

const Plot = suite("Chromium: wasmax/plot");
const SNAPSHOTS = new URL("../fixtures/plot/", import.meta.url);
const ARTIFACTS = new URL("../artifacts/", import.meta.url);
let server;
let browser;

Plot.before(async () => {
  server = await startServer();
  browser = await launchChromium();
  // A standalone SVG document has no <link rel="icon">: Chromium asks for /favicon.ico, which is not there.
  await browser.context.route("**/favicon.ico", (route) => route.fulfill({ status: 204, body: "" }));
  mkdirSync(ARTIFACTS, { recursive: true });
});
Plot.after(async () => {
  await browser?.close();
  await server?.close();
});

/** In the page: what the open SVG document shows, and its raster's colours (drawn through an <img> onto a canvas). */
async function inspect(page) {
  return page.evaluate(async () => {
    const svg = document.documentElement;
    const box = svg.getBoundingClientRect();
    const outside = [...svg.querySelectorAll("text")]
      .filter((t) => {
        const r = t.getBoundingClientRect();
        return (
          r.width > 0 && (r.left < box.left - 0.5 || r.top < box.top - 0.5 || r.right > box.right + 0.5 || r.bottom > box.bottom + 0.5)
        );
      })
      .map((t) => t.textContent);
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await image.decode();
    const canvas = document.createElementNS("http://www.w3.org/1999/xhtml", "canvas");
    canvas.width = Math.ceil(box.width);
    canvas.height = Math.ceil(box.height);
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = new Map();
    let inked = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const key = `rgb(${pixels[i]},${pixels[i + 1]},${pixels[i + 2]})`;
      colours.set(key, (colours.get(key) ?? 0) + 1);
      if (pixels[i] < 250 || pixels[i + 1] < 250 || pixels[i + 2] < 250) inked++;
    }
    const texts = (selector) => [...svg.querySelectorAll(selector)].map((t) => t.textContent);
    return {
      root: svg.localName,
      parseError: document.querySelector("parsererror")?.textContent ?? null,
      width: box.width,
      height: box.height,
      inked: inked / (pixels.length / 4),
      // Colours covering at least 0.2% of the picture (anti-aliased edges aside).
      colours: [...colours].filter(([, n]) => n >= (pixels.length / 4) * 0.002).map(([c]) => c),
      outside,
      title: svg.querySelector("title")?.textContent,
      tickValues: [...svg.querySelectorAll(".axis")].map((axis) =>
        [...axis.querySelectorAll(".tick-values text")].map((t) => t.textContent),
      ),
      axisTitles: texts(".axis-title"),
      legend: texts(".legend text"),
      trueClasses: texts(".true-classes text"),
      counts: texts(".counts text"),
      points: svg.querySelectorAll(".points > *").length,
    };
  });
}

/** Whether one of `colours` is within 6 levels per channel of `wanted` ("rgb(r,g,b)" strings). */
function near(colours, wanted) {
  const channels = (c) => c.match(/\d+/g).map(Number);
  const w = channels(wanted);
  return colours.some((c) => channels(c).every((v, i) => Math.abs(v - w[i]) <= 6));
}

/** The names of the committed snapshots. */
const snapshots = () =>
  readdirSync(SNAPSHOTS)
    .filter((f) => f.endsWith(".svg"))
    .map((f) => f.slice(0, -4))
    .sort();

Plot("each snapshot SVG opens as a document: no parse error, texts inside the canvas, a non-blank picture", async () => {
  const names = snapshots();
  assert.equal(names, [
    "confusion-digits",
    "confusion-escaped",
    "loss-accuracy",
    "loss-iterations",
    "regions-admissions",
    "regions-quadrants",
  ]);
  const seen = {};
  for (const name of names) {
    const page = await openPage(browser.context, `${server.url}/test/fixtures/plot/${name}.svg`);
    const shown = await inspect(page);
    await page.screenshot({ path: new URL(`plot-${name}.png`, ARTIFACTS).pathname });
    assert.equal(page.problems, [], name);
    await page.close();
    assert.is(shown.root, "svg", `${name}: an SVG document`);
    assert.is(shown.parseError, null, `${name}: parses`);
    assert.equal(shown.outside, [], `${name}: every text lies inside the picture`);
    assert.ok(shown.inked > 0.02, `${name}: ${(shown.inked * 100).toFixed(1)}% of the picture is drawn on`);
    for (const values of shown.tickValues) assert.ok(values.length >= 2, `${name}: tick values on every axis`);
    seen[name] = shown;
  }
  const loss = seen["loss-accuracy"];
  assert.equal(loss.axisTitles, ["loss", "epoch", "held-out accuracy"]);
  assert.equal(loss.legend, ["loss", "held-out accuracy"]);
  assert.equal(loss.tickValues[0], ["0", "0.5", "1.0", "1.5", "2.0", "2.5"]);
  assert.ok(near(loss.colours, "rgb(255,255,255)"), "a white background");

  const digits = seen["confusion-digits"];
  assert.equal(digits.trueClasses, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
  assert.is(digits.counts.length, 100);
  assert.ok(near(digits.colours, "rgb(8,48,107)"), `dark cells on the diagonal: ${digits.colours}`);
  assert.equal(seen["confusion-escaped"].trueClasses.slice(0, 2), ["cat", "dog <&>"]);

  const regions = seen["regions-admissions"];
  assert.equal(regions.legend, ["admitted", "rejected", "waitlisted"]);
  assert.equal(regions.axisTitles, ["exam", "GPA"]);
  assert.is(regions.points, 90);
  // The three classes' light region colours (palette.ts: Tableau 10 mixed 68% with white) cover much
  // of the picture (within a few levels: the raster goes through colour management).
  for (const fill of ["rgb(198,211,226)", "rgb(250,216,183)", "rgb(245,200,200)"]) {
    assert.ok(near(regions.colours, fill), `region colour ${fill} in ${regions.colours}`);
  }
});

Plot("drawn in the page by dist/plot.js, each snapshot chart has the same bytes as the committed SVG", async () => {
  const page = await openPage(browser.context, `${server.url}/test/fixtures/plot/loss-accuracy.svg`);
  const drawn = await page.evaluate(async () => {
    const plot = await import("/dist/plot.js");
    const { snapshotCharts } = await import("/test/plot/charts.js");
    return Object.fromEntries(Object.entries(snapshotCharts(plot)).map(([name, draw]) => [name, draw()]));
  });
  assert.equal(page.problems, []);
  await page.close();
  assert.equal(Object.keys(drawn).sort(), snapshots());
  for (const [name, svg] of Object.entries(drawn)) assert.fixture(svg, readFileSync(new URL(`${name}.svg`, SNAPSHOTS), "utf8"), name);
});

Plot("SVGs from generated input all parse in Chromium's DOMParser, their text reading back as given", async () => {
  const text = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: fc.constantFrom("<", ">", "&", '"', "'", "]]>", "a") }));
  const cases = fc
    .sample(
      fc.record({
        title: text,
        labels: fc.array(text, { minLength: 1, maxLength: 4 }),
        loss: fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 30 }),
      }),
      { seed: 20261206, numRuns: 60 },
    )
    .flatMap(({ title, labels, loss }) => {
      const k = labels.length;
      const matrix = labels.map((_, t) => labels.map((__, p) => (t * 7 + p * 3) % 5));
      const X = loss.map((v, i) => [v, i]);
      const y = X.map((_, i) => labels[i % k]);
      return [
        { svg: lossCurveSVG(loss, { title }), title },
        { svg: confusionMatrixSVG({ labels, matrix }, { title }), title },
        { svg: decisionRegionsSVG((grid) => grid.map(([a]) => labels[a > 0 ? 0 : k - 1]), X, y, { title, resolution: 10 }), title },
      ];
    });
  const page = await openPage(browser.context, `${server.url}/test/fixtures/plot/loss-accuracy.svg`);
  const results = await page.evaluate(
    (svgs) => {
      const parser = new DOMParser();
      return svgs.map((svg) => {
        const doc = parser.parseFromString(svg, "image/svg+xml");
        return { error: doc.querySelector("parsererror")?.textContent ?? null, title: doc.querySelector("title")?.textContent };
      });
    },
    cases.map((c) => c.svg),
  );
  await page.close();
  results.forEach((result, i) => {
    assert.is(result.error, null, `case ${i}: ${cases[i].svg.slice(0, 300)}`);
    assert.is(
      result.title,
      cases[i].title.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "\uFFFD"),
      `case ${i}: the title`,
    );
  });
  assert.is(results.length, 180);
});

Plot.run();
