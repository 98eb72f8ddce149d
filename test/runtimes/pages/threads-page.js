// The threads probe in a browser page (the ESM build imported by URL). ?threads=N asks init for N
// threads; without it, init picks its default. The answer lands in #result as JSON, with whether
// the page is cross-origin isolated and the browser's core count.

import * as wasmax from "/dist/browser.js";
import { threadsProbe } from "/test/runtimes/harness/threads_probe.js";

const out = document.getElementById("result");
try {
  const asked = new URLSearchParams(location.search).get("threads");
  const result = await threadsProbe(wasmax, asked ? { threads: Number(asked) } : undefined, { inWorker: true });
  out.textContent = JSON.stringify({ ...result, isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency });
} catch (error) {
  out.textContent = JSON.stringify({ error: `${error.name}: ${error.message}` });
}
