import { describe, expect, it } from 'vitest';
import { safeSvgDataUrl } from './safe-svg';

describe('QR markup from the server', () => {
  it('accepts the qrcode library output as an image URL', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path stroke="#000" d="M1 1.5h7"/></svg>\n';
    const url = safeSvgDataUrl(svg);
    expect(url).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    expect(decodeURIComponent(url!.split(',')[1]!)).toBe(svg.trim());
  });

  it.each([
    ['<div>not svg</div>'],
    ['<?xml version="1.0"?><svg></svg>'],
    ['<svg><script>alert(1)</script></svg>'],
    ['<svg><SCRIPT src=x></SCRIPT></svg>'],
    ['<svg onload="alert(1)"></svg>'],
    ['<svg><a href="javascript:alert(1)"><path/></a></svg>'],
    ['<svg><foreignObject><div/></foreignObject></svg>'],
  ])('refuses %s', (svg) => {
    expect(safeSvgDataUrl(svg)).toBeNull();
  });

  it('refuses what is not text', () => {
    expect(safeSvgDataUrl(undefined)).toBeNull();
    expect(safeSvgDataUrl({ svg: '<svg/>' })).toBeNull();
  });
});
