// The demo page: loads wasmax once (on worker threads where the page is cross-origin isolated),
// then starts the panels.

import { init, threads } from "../dist/fasttext.browser.js";
import { startStudents } from "./students.js";
import { startDigits } from "./digits.js";

const backend = await init();
const count = threads();
document.getElementById("backend").textContent = `${backend} build, ${count} thread${count === 1 ? "" : "s"}`;
startStudents();
startDigits();
