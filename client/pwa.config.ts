import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The installable tablet (and board): a web app manifest and a Workbox service worker that
 * precaches the built app, so a page reloaded or reopened while the server is down still
 * opens — the tablet with its form and outbox (IndexedDB), the board with its last good
 * figures marked stale. Service workers exist only on secure origins (HTTPS, or localhost):
 * on plain http over the LAN the registration script does nothing and all works as before.
 */
export function installableApp() {
  return VitePWA({
    // A small external script (the CSP allows no inline script); it registers only where it can.
    injectRegister: 'script',
    registerType: 'autoUpdate',
    includeAssets: ['favicon.svg', 'icons/apple-touch-icon.png'],
    manifest: {
      id: '/operator',
      name: 'Papan Transaksi · Deal Board',
      short_name: 'Transaksi',
      description: 'Catat transaksi stan dan tampilkan total langsung. · Record booth deals and show the live total.',
      lang: 'id',
      start_url: '/operator',
      scope: '/',
      display: 'standalone',
      orientation: 'any',
      background_color: '#0b1020',
      theme_color: '#0b1020',
      icons: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
      // Every page route is the same single-page app; the API, sockets, exports and metrics never are.
      navigateFallback: '/index.html',
      navigateFallbackDenylist: [/^\/api\//, /^\/socket\.io\//, /^\/metrics/],
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: true,
    },
  });
}

/**
 * The audience's phone view (live.html) neither registers the service worker nor names the
 * manifest: registering would precache the whole app (console, tablet, board: about a
 * megabyte) on every phone in the hall, for a page that is only useful online. Its style
 * sheets go at the end of the body, so what the server draws first (styled in the page)
 * paints before they arrive; the app's scripts still wait for them.
 */
export function phoneViewWithoutWorker(): Plugin {
  return {
    name: 'dealboard:phone-view-without-worker',
    // After vite-plugin-pwa's own (post) step, which adds both to every page.
    enforce: 'post',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.path.endsWith('/live.html')) return html;
        const sheets = html.match(/<link rel="stylesheet"[^>]*>/g) ?? [];
        let out = html.replace(/<link rel="manifest"[^>]*>/, '').replace(/<script id="vite-plugin-pwa:register-sw"[^>]*><\/script>/, '');
        for (const s of sheets) out = out.replace(s, '');
        return out.replace('</body>', `${sheets.join('')}</body>`);
      },
    },
  };
}
