// A strict little XML 1.0 reader for the plot tests: enough of the grammar to tell whether an SVG
// string is well-formed (one root element, balanced tags, quoted and unique attributes, only the
// five predefined entities and character references, only characters XML allows), and to hand
// back the tree with entities decoded, so tests can read the text a chart shows.

const NAME = /^[A-Za-z_:][A-Za-z0-9_.:-]*$/;
const CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Text with its references replaced; throws on a bare "&" or an unknown entity. */
function decode(raw, where) {
  return raw.replace(/&([^;&\s]*);?/g, (whole, body) => {
    if (!whole.endsWith(";")) throw new SyntaxError(`${where}: bare "&" in ${JSON.stringify(raw.slice(0, 60))}`);
    if (body in ENTITIES) return ENTITIES[body];
    const code = /^#x([0-9a-fA-F]+)$/.exec(body)?.[1] ?? /^#([0-9]+)$/.exec(body)?.[1];
    if (code === undefined) throw new SyntaxError(`${where}: unknown entity &${body};`);
    const point = body[1] === "x" ? parseInt(code, 16) : parseInt(code, 10);
    const char = String.fromCodePoint(point);
    if (!CHARS.test(char)) throw new SyntaxError(`${where}: &${body}; is not a character XML allows`);
    return char;
  });
}

/** Parses `xml`; returns the root { name, attributes, children } (children: elements and strings). Throws a SyntaxError. */
export function parseXML(xml) {
  if (!CHARS.test(xml)) throw new SyntaxError("a character XML 1.0 forbids");
  const root = { name: "#document", attributes: {}, children: [] };
  const stack = [root];
  let at = 0;
  while (at < xml.length) {
    const open = xml.indexOf("<", at);
    const raw = xml.slice(at, open < 0 ? xml.length : open);
    if (raw) {
      if (raw.includes("]]>")) throw new SyntaxError(`"]]>" in text at ${at}`);
      const content = decode(raw, `text at ${at}`);
      if (stack.length === 1) {
        if (content.trim()) throw new SyntaxError(`text outside the root element at ${at}`);
      } else stack[stack.length - 1].children.push(content);
    }
    if (open < 0) break;
    const close = xml.indexOf(">", open);
    if (close < 0) throw new SyntaxError(`unclosed tag at ${open}`);
    const tag = xml.slice(open + 1, close);
    if (tag.includes("<")) throw new SyntaxError(`"<" inside a tag at ${open}`);
    at = close + 1;
    if (tag.startsWith("/")) {
      const name = tag.slice(1).trim();
      const top = stack.pop();
      if (!top || top.name !== name || stack.length === 0) throw new SyntaxError(`</${name}> closes <${top?.name}> at ${open}`);
      continue;
    }
    const selfClosing = tag.endsWith("/");
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const name = /^\S+/.exec(body)?.[0] ?? "";
    if (!NAME.test(name)) throw new SyntaxError(`bad element name ${JSON.stringify(name)} at ${open}`);
    const element = { name, attributes: {}, children: [] };
    let rest = body.slice(name.length);
    while (rest.trim()) {
      const match = /^\s+([^\s=]+)="([^"]*)"/.exec(rest) ?? /^\s+([^\s=]+)='([^']*)'/.exec(rest);
      if (!match) throw new SyntaxError(`bad attribute in <${name}> at ${open}: ${JSON.stringify(rest.slice(0, 40))}`);
      const [whole, key, value] = match;
      if (!NAME.test(key)) throw new SyntaxError(`bad attribute name ${JSON.stringify(key)} at ${open}`);
      if (key in element.attributes) throw new SyntaxError(`attribute ${key} twice in <${name}> at ${open}`);
      if (value.includes("<")) throw new SyntaxError(`"<" in attribute ${key} at ${open}`);
      element.attributes[key] = decode(value, `attribute ${key} at ${open}`);
      rest = rest.slice(whole.length);
    }
    if (stack.length === 1 && root.children.length > 0) throw new SyntaxError(`a second root element <${name}> at ${open}`);
    stack[stack.length - 1].children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new SyntaxError(`<${stack[stack.length - 1].name}> is never closed`);
  if (root.children.length !== 1) throw new SyntaxError("no root element");
  return root.children[0];
}

/** Every element under `node` (itself included) named `name`. */
export function findAll(node, name) {
  const found = node.name === name ? [node] : [];
  for (const child of node.children) if (typeof child !== "string") found.push(...findAll(child, name));
  return found;
}

/** The text content of `node`, as a DOM's textContent. */
export function textOf(node) {
  return node.children.map((child) => (typeof child === "string" ? child : textOf(child))).join("");
}
