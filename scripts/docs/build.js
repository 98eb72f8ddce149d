// `npm run docs`: the documentation site in site/ — the guides (docs/*.md, examples/README.md) and the
// API reference TypeDoc generates from the public entries' types and doc comments (typedoc.json).
// Fails (exit 1) on any TypeDoc warning, which includes an export without a doc comment, a type the
// reference does not include, and a {@link} that resolves to nothing; on an optional field of an
// options interface (`…Options`, `Config`) without a `@default`; and on any link of the built site
// that points at a file or an anchor that does not exist. Links to other sites are not fetched.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SITE = join(ROOT, "site");
const TYPEDOC = fileURLToPath(new URL("node_modules/typedoc/bin/typedoc", import.meta.url));

rmSync(SITE, { recursive: true, force: true });
const scratch = mkdtempSync(join(tmpdir(), "wasmax-docs-"));
const model = join(scratch, "api.json"); // TypeDoc's model of the API, for the @default check
try {
  execFileSync(process.execPath, [TYPEDOC, "--options", "typedoc.json", "--json", model], { cwd: ROOT, stdio: "inherit" });
} catch {
  rmSync(scratch, { recursive: true, force: true });
  console.error("npm run docs: TypeDoc reported the problems above (warnings count as errors)");
  process.exit(1);
}

const INTERFACE = 256; // TypeDoc's ReflectionKind.Interface
const noDefault = [];
(function visit(reflection, path) {
  for (const child of reflection.children ?? []) {
    const name = path ? `${path}.${child.name}` : child.name;
    if (child.kind === INTERFACE && /Options$|^Config$/.test(child.name)) {
      for (const field of child.children ?? []) {
        const tags = (field.comment?.blockTags ?? []).map((t) => t.tag);
        if (field.flags?.isOptional && !tags.includes("@default")) noDefault.push(`${name}.${field.name}`);
      }
    }
    visit(child, name);
  }
})(JSON.parse(readFileSync(model, "utf8")), "");
rmSync(scratch, { recursive: true, force: true });
if (noDefault.length > 0) {
  console.error(`npm run docs: options without a @default in their doc comment:\n  ${noDefault.join("\n  ")}`);
  process.exit(1);
}

/** Every file below `dir`. */
const files = (dir) =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
const pages = files(SITE).filter((f) => f.endsWith(".html"));
const anchors = new Map(); // page → its ids
const idsOf = (page) => {
  if (!anchors.has(page)) anchors.set(page, new Set([...readFileSync(page, "utf8").matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
  return anchors.get(page);
};

const broken = [];
for (const page of pages) {
  const html = readFileSync(page, "utf8");
  for (const [, attribute, raw] of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
    const link = raw.replace(/&amp;/g, "&");
    if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto:, data: … (other sites are not fetched)
    const [path, anchor] = link.split("#");
    const target = path === "" ? page : resolve(dirname(page), decodeURIComponent(path.split("?")[0]));
    const where = `${relative(SITE, page)}: ${attribute}="${raw}"`;
    if (!existsSync(target) || statSync(target).isDirectory()) broken.push(`${where} (no such file)`);
    else if (anchor && target.endsWith(".html") && !idsOf(target).has(decodeURIComponent(anchor))) broken.push(`${where} (no such anchor)`);
  }
}
if (broken.length > 0) {
  console.error(`npm run docs: ${broken.length} broken link(s) in site/:\n  ${broken.join("\n  ")}`);
  process.exit(1);
}
console.log(`npm run docs: site/ has ${pages.length} pages; every link resolves`);
