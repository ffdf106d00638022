// Rough advance widths (in em) of the bundled Inter at heavy weights. Measuring the DOM
// would cost a layout per frame while the counter rolls; an estimate is enough to fit a
// figure to its box.
function advance(ch: string): number {
  if (/\d/.test(ch)) return 0.64;
  if (ch === '.' || ch === ',') return 0.3;
  if (ch === ' ') return 0.28;
  if (/[A-Z]/.test(ch)) return 0.7;
  if (/[ijlt]/.test(ch)) return 0.32;
  return 0.58;
}

/** Estimated width of `text` in em. */
export function textWidthEm(text: string): number {
  let w = 0;
  for (const ch of text) w += advance(ch);
  return w;
}

/** Font size (em of the parent) at which `text` fits `boxEm`, never above `maxEm`. */
export function fitFontEm(text: string, boxEm: number, maxEm: number): number {
  const w = textWidthEm(text);
  return w > 0 ? Math.min(maxEm, boxEm / w) : maxEm;
}
