/**
 * The QR codes come from our own server (the qrcode library drawing our own URL), but
 * markup is still checked before it reaches the page: only a plain `<svg>` document
 * with no script, event handler, foreign content or javascript: link is accepted.
 * It is then shown as an image (`data:` URL), where SVG cannot run anything anyway.
 */
export function safeSvgDataUrl(svg: unknown): string | null {
  if (typeof svg !== 'string') return null;
  const text = svg.trim();
  if (!text.startsWith('<svg') || text.length > 200_000) return null;
  if (/<script|<foreignObject|\son[a-z]+\s*=|javascript:/i.test(text)) return null;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
}
