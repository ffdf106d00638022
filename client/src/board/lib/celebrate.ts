import type { CreateTypes } from 'canvas-confetti';

let fire: CreateTypes | null = null;

/**
 * Confetti for a milestone. Loaded only when one is reached, skipped for reduced motion.
 * Drawn on our own canvas without canvas-confetti's blob worker, which the server's
 * Content-Security-Policy (script-src 'self') rightly refuses.
 */
export async function celebrate(): Promise<void> {
  if (typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches) return;
  if (!fire) {
    const { default: confetti } = await import('canvas-confetti');
    const canvas = document.createElement('canvas');
    canvas.setAttribute('aria-hidden', 'true');
    canvas.style.cssText = 'position:fixed;inset:0;width:100%;height:100%;pointer-events:none;z-index:50';
    document.body.appendChild(canvas);
    fire = confetti.create(canvas, { resize: true, useWorker: false });
  }
  const colors = ['#facc15', '#22c55e', '#38bdf8', '#f8fafc'];
  for (const x of [0.25, 0.75]) {
    void fire({ particleCount: 140, spread: 75, startVelocity: 55, origin: { x, y: 0.5 }, colors, disableForReducedMotion: true });
  }
}
