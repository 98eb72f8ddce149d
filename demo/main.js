// The demo page: loads wasmax once, then starts the two panels.

import { init } from "../dist/browser.js";
import { startStudents } from "./students.js";
import { startDigits } from "./digits.js";

const backend = await init();
document.getElementById("backend").textContent = `${backend} build`;
startStudents();
startDigits();
