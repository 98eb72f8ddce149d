// Colours and point markers for classes. The first ten colours are Tableau 10 (told apart by most
// readers, colour-blind ones too when combined with the four marker shapes); later classes get
// hues spread by the golden angle. Region fills are the class colour mixed with white, opaque, so
// that neighbouring cells never darken where they meet.

import { num } from "./svg.js";

type RGB = [number, number, number];

const TABLEAU10: RGB[] = [
  [78, 121, 167],
  [242, 142, 43],
  [225, 87, 89],
  [118, 183, 178],
  [89, 161, 79],
  [237, 201, 72],
  [176, 122, 161],
  [255, 157, 167],
  [156, 117, 95],
  [186, 176, 172],
];

/** The i-th class's colour as [r, g, b] in 0..255. */
function classRGB(i: number): RGB {
  const listed = TABLEAU10[i];
  if (listed) return listed;
  // HSL with saturation 0.55 and lightness 0.5, hue by the golden angle, converted to RGB.
  const hue = (i * 137.508) % 360;
  const chroma = 0.55;
  const x = chroma * (1 - Math.abs(((hue / 60) % 2) - 1));
  const sector = Math.floor(hue / 60);
  const [r, g, b] = [
    [chroma, x, 0],
    [x, chroma, 0],
    [0, chroma, x],
    [0, x, chroma],
    [x, 0, chroma],
    [chroma, 0, x],
  ][sector]!;
  const m = 0.5 - chroma / 2;
  return [r!, g!, b!].map((c) => Math.round((c + m) * 255)) as RGB;
}

/** "rgb(r,g,b)" of `colour` mixed with white: `white` 0 is the colour, 1 is white. */
function css([r, g, b]: RGB, white = 0): string {
  const mix = (c: number) => Math.round(c + (255 - c) * white);
  return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
}

/** The colour of the i-th class's points and lines. */
export function classColour(i: number): string {
  return css(classRGB(i));
}

/** The fill of the i-th class's region: its colour, lightened. */
export function regionColour(i: number): string {
  return css(classRGB(i), 0.68);
}

/** Sequential blues for a heat map: t = 0 is near-white, t = 1 dark blue (three stops, linear between). */
export function heatColour(t: number): string {
  const stops: RGB[] = [
    [247, 251, 255],
    [107, 174, 214],
    [8, 48, 107],
  ];
  const s = Math.min(1, Math.max(0, t)) * 2;
  const i = Math.min(1, Math.floor(s));
  const f = s - i;
  const [a, b] = [stops[i]!, stops[i + 1]!];
  return css([0, 1, 2].map((c) => a[c]! + (b[c]! - a[c]!) * f) as RGB);
}

/** A point marker for the i-th class centred on (x, y): circle, square, triangle, diamond, in turn. */
export function marker(i: number, x: number, y: number, size: number, fill: string): string {
  const r = size / 2;
  const style = `fill="${fill}" stroke="#fff" stroke-width="0.8"`;
  switch (i % 4) {
    case 0:
      return `<circle cx="${num(x)}" cy="${num(y)}" r="${num(r)}" ${style}/>`;
    case 1:
      return `<rect x="${num(x - r * 0.9)}" y="${num(y - r * 0.9)}" width="${num(r * 1.8)}" height="${num(r * 1.8)}" ${style}/>`;
    case 2:
      return `<path d="M${num(x)} ${num(y - r * 1.15)}L${num(x + r)} ${num(y + r * 0.75)}L${num(x - r)} ${num(y + r * 0.75)}Z" ${style}/>`;
    default: {
      const [top, bottom] = [num(y - r * 1.2), num(y + r * 1.2)];
      return `<path d="M${num(x)} ${top}L${num(x + r)} ${num(y)}L${num(x)} ${bottom}L${num(x - r)} ${num(y)}Z" ${style}/>`;
    }
  }
}
