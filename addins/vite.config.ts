import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The HR pane, built into addins/dist/admin/ and served by the service at /admin/. */
export default defineConfig({
  root: here('./admin'),
  base: '/admin/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: here('./dist/admin'),
    emptyOutDir: true,
    // One entry and no inline script, so the service's CSP (script-src 'self') holds.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
    reportCompressedSize: false,
  },
});
