import type { Page } from 'playwright-core';

/**
 * What a person would see as broken on a screen: two pieces of text drawn over each other,
 * text cut (an ellipsis, overflow clipped by a box or the window), or text too small to read
 * from where its audience stands. Reusable for any page: give it a Playwright page and the
 * minimum sizes for that screen.
 */
export type LayoutProblemKind = 'overlap' | 'cut' | 'small';

export interface LayoutProblem {
  kind: LayoutProblemKind;
  /** The text concerned (shortened), and for an overlap the text it collides with. */
  text: string;
  other?: string;
  detail: string;
}

export interface LayoutRules {
  /** The smallest font size (CSS px) any visible text may have. */
  minPx: number;
  /** Stricter minimums for some elements (e.g. secondary figures): text inside `selector` needs `minPx`. */
  stricter?: { selector: string; minPx: number }[];
  /** Only text inside this element is checked (e.g. a dialog over the page); the whole body otherwise. */
  root?: string;
  /**
   * Elements that scroll their content by design (a marquee): text they clip at their edges is
   * not "cut"; what shows of it is still checked for overlap and size.
   */
  scrollers?: string;
  /** Overlaps smaller than this many px in either direction are rounding, not collisions. */
  tolerancePx?: number;
}

/**
 * The size rule of a screen watched from afar: `px` at 1920×1080, proportional to the viewport
 * (its smaller side ratio, so a 4:3 or 21:9 window scales by what constrains it).
 */
export function scaledPx(px: number, viewport: { width: number; height: number }): number {
  return px * Math.min(viewport.width / 1920, viewport.height / 1080);
}

/** Every layout problem of the page as it is drawn now. */
export async function findLayoutProblems(page: Page, rules: LayoutRules): Promise<LayoutProblem[]> {
  return page.evaluate((r) => {
    const tol = r.tolerancePx ?? 2;
    const root = r.root ? document.querySelector(r.root) : document.body;
    if (!root) return [{ kind: 'cut' as const, text: '', detail: `no element ${r.root}` }];
    const short = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);
    const problems: { kind: 'overlap' | 'cut' | 'small'; text: string; other?: string; detail: string }[] = [];
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;

    function hidden(el: Element): boolean {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const cs = getComputedStyle(e);
        if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) === 0) return true;
        if (e.getAttribute('aria-hidden') === 'true' && e.tagName === 'svg') return true;
      }
      return false;
    }

    type Box = { text: string; el: Element; rects: DOMRect[] };
    const boxes: Box[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').replace(/\s+/g, ' ').trim();
      const el = n.parentElement;
      if (!text || !el || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TITLE'].includes(el.tagName) || hidden(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const rects = [...range.getClientRects()].filter((b) => b.width > 0.5 && b.height > 0.5);
      if (rects.length === 0) continue;
      boxes.push({ text, el, rects });
    }

    const inScroller = (el: Element) => (r.scrollers ? el.closest(r.scrollers) : null);

    for (const b of boxes) {
      // Too small: the font the text is drawn in, against the screen's minimum.
      const size = parseFloat(getComputedStyle(b.el).fontSize);
      let min = r.minPx;
      for (const s of r.stricter ?? []) if (b.el.closest(s.selector)) min = Math.max(min, s.minPx);
      if (size + 0.05 < min) problems.push({ kind: 'small', text: short(b.text), detail: `${size.toFixed(1)}px < ${min.toFixed(1)}px` });

      // Cut: an ellipsis or clipped overflow in the text's own element, a clipping ancestor, or the window's edge.
      const scroller = inScroller(b.el);
      const own = getComputedStyle(b.el);
      if (own.textOverflow === 'ellipsis' && b.el.scrollWidth > b.el.clientWidth + 1) {
        problems.push({ kind: 'cut', text: short(b.text), detail: 'ends in an ellipsis' });
        continue;
      }
      let cut = '';
      for (const rect of b.rects) {
        if (!scroller && (rect.left < -tol || rect.top < -tol || rect.right > vw + tol || rect.bottom > vh + tol)) {
          cut = `outside the window (${Math.round(rect.left)},${Math.round(rect.top)}–${Math.round(rect.right)},${Math.round(rect.bottom)})`;
          break;
        }
        if (scroller) {
          // Scrolling past the marquee's ends is its job; spilling over its top or bottom is not.
          const box = scroller.getBoundingClientRect();
          if (rect.top < box.top - tol || rect.bottom > box.bottom + tol) cut = 'clipped by the top or bottom of its marquee';
          if (cut) break;
          continue;
        }
        for (let a = b.el as Element | null; a && a !== document.documentElement && !cut; a = a.parentElement) {
          const cs = getComputedStyle(a);
          const clipsX = cs.overflowX !== 'visible';
          const clipsY = cs.overflowY !== 'visible';
          if (!clipsX && !clipsY) continue;
          const box = a.getBoundingClientRect();
          if ((clipsX && (rect.left < box.left - tol || rect.right > box.right + tol)) || (clipsY && (rect.top < box.top - tol || rect.bottom > box.bottom + tol))) {
            cut = `clipped by <${a.tagName.toLowerCase()} class="${a.className}">`;
          }
        }
        if (cut) break;
      }
      if (cut) problems.push({ kind: 'cut', text: short(b.text), detail: cut });
    }

    // Overlap: any two lines of different text nodes whose boxes intersect by more than the tolerance.
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const c = boxes[j]!;
        let hit: string | null = null;
        for (const ra of a.rects) {
          for (const rc of c.rects) {
            const w = Math.min(ra.right, rc.right) - Math.max(ra.left, rc.left);
            const h = Math.min(ra.bottom, rc.bottom) - Math.max(ra.top, rc.top);
            // Line boxes of neighbouring lines touch by their half-leading; a collision covers glyphs.
            if (w > tol && h > Math.max(tol, 0.25 * Math.min(ra.height, rc.height))) hit = `${Math.round(w)}×${Math.round(h)}px`;
          }
        }
        if (hit) problems.push({ kind: 'overlap', text: short(a.text), other: short(c.text), detail: hit });
      }
    }
    return problems;
  }, rules);
}

/** One line per problem, for a failing assertion that says what to look at. */
export function describeProblems(problems: readonly LayoutProblem[]): string[] {
  return problems.map((p) => `${p.kind}: "${p.text}"${p.other ? ` × "${p.other}"` : ''} (${p.detail})`);
}
