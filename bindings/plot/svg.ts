// SVG text as strings: escaping, number formatting and element assembly. Everything here is
// deterministic: the same input gives the same bytes in every JavaScript engine (toFixed is exact
// by the language's spec), so drawings can be compared as text.

/** Characters XML 1.0 forbids (controls but tab/newline/return, lone surrogates, U+FFFE, U+FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * `text` safe inside an element or a quoted attribute value: & < > " ' become entities, and each
 * character XML 1.0 forbids becomes U+FFFD (so any string, a label read from a CSV included, makes a
 * well-formed document).
 */
export function escapeXML(text: string): string {
  return text.replace(NOT_XML, "\uFFFD").replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A coordinate or size as an attribute value: at most two decimals, no trailing zeros, never "-0". */
export function num(value: number): string {
  const rounded = Number(value.toFixed(2));
  return rounded === 0 ? "0" : String(rounded);
}

export type Attributes = Record<string, string | number | undefined>;

/** An opening tag; numbers go through num(), strings are escaped, undefined attributes are left out. */
function openTag(name: string, attributes: Attributes): string {
  let tag = `<${name}`;
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    tag += ` ${key}="${typeof value === "number" ? num(value) : escapeXML(value)}"`;
  }
  return tag;
}

/** One element, empty (`<name … />`) when `children` is undefined; children are markup, not escaped here. */
export function element(name: string, attributes: Attributes, children?: string): string {
  const open = openTag(name, attributes);
  return children === undefined ? `${open}/>` : `${open}>${children}</${name}>`;
}

/** A text element whose content is escaped. */
export function text(content: string, attributes: Attributes): string {
  return element("text", attributes, escapeXML(content));
}

/**
 * A whole standalone document: `width` × `height` pixels on a white background, with `title` as
 * its accessible name (<title> and aria-label).
 */
export function svgDocument(width: number, height: number, title: string, body: string[]): string {
  const open = openTag("svg", {
    xmlns: "http://www.w3.org/2000/svg",
    width,
    height,
    viewBox: `0 0 ${num(width)} ${num(height)}`,
    role: "img",
    "aria-label": title,
    "font-family": "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif",
    "font-size": 12,
  });
  const background = element("rect", { width, height, fill: "#fff" });
  return [`${open}>`, `<title>${escapeXML(title)}</title>`, background, ...body, "</svg>", ""].join("\n");
}

/** Width of `content` in pixels at `size`, estimated (no font metrics here): 0.6 em a character. */
export function textWidth(content: string, size = 12): number {
  return [...content].length * size * 0.6;
}

/** `content` cut to `max` characters with an ellipsis (counted in code points, never splitting a pair). */
export function truncate(content: string, max: number): string {
  const chars = [...content];
  return chars.length <= max ? content : `${chars.slice(0, max - 1).join("")}…`;
}
