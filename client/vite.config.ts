import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import { installableApp, phoneViewWithoutWorker } from './pwa.config';

const server = process.env.DEALBOARD_SERVER ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const sharedSrc = fileURLToPath(new URL('../shared/src/', import.meta.url));

/**
 * `@dealboard/shared` builds zod schemas at module top level, which a bundler must
 * assume has side effects; without this the board chunk would carry all of zod just
 * for `formatRupiah`. The contract package does no I/O, so its modules are pure.
 */
function sharedIsPure(): Plugin {
  return {
    name: 'dealboard:shared-is-pure',
    transform(_code, id) {
      if (id.startsWith(sharedSrc)) return { code: _code, map: null, moduleSideEffects: false };
      return undefined;
    },
  };
}

export default defineConfig({
  plugins: [vue(), sharedIsPure(), installableApp(), phoneViewWithoutWorker()],
  define: {
    // vue-i18n: Composition API only, no devtools hooks in production.
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: server, changeOrigin: false },
      '/socket.io': { target: server, ws: true, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: server },
      '/socket.io': { target: server, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The app, and the audience's phone view on a page of its own (see src/live/main.ts).
    rollupOptions: { input: { index: fileURLToPath(new URL('index.html', import.meta.url)), live: fileURLToPath(new URL('live.html', import.meta.url)) } },
    target: 'es2022',
    // The board must work on a venue LAN: everything is local, nothing from a CDN.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 300,
  },
});
