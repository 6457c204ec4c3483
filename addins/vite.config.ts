import { fileURLToPath } from 'node:url';
import { build, defineConfig, type InlineConfig, type Plugin, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const shared: UserConfig['build'] = {
  emptyOutDir: true,
  // No inline script, so the service's CSP (script-src 'self') holds.
  modulePreload: { polyfill: false },
  chunkSizeWarningLimit: 2000,
  reportCompressedSize: false,
};

/**
 * The Outlook task pane and its demo page, built into addins/dist/outlook/ and served at
 * /outlook/. Built files go under static/: /outlook/assets/ holds the manifests' icons.
 */
export const outlookPane: InlineConfig = {
  configFile: false,
  root: here('./outlook'),
  base: '/outlook/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    ...shared,
    outDir: here('./dist/outlook'),
    assetsDir: 'static',
    rollupOptions: { input: { taskpane: here('./outlook/taskpane.html'), demo: here('./outlook/demo.html') } },
  },
};

/** The Google add-on's card viewer (demo), built into addins/dist/gcal-viewer/ and served at /gcal-viewer/. */
export const gcalViewer: InlineConfig = {
  configFile: false,
  root: here('./gcal-viewer'),
  base: '/gcal-viewer/',
  plugins: [react()],
  logLevel: 'warn',
  build: { ...shared, outDir: here('./dist/gcal-viewer') },
};

/** The volunteer page, built into addins/dist/volunteer/ and served at /volunteer/{cohortId}. */
export const volunteerPage: InlineConfig = {
  configFile: false,
  root: here('./volunteer'),
  base: '/volunteer/',
  plugins: [react()],
  logLevel: 'warn',
  build: { ...shared, outDir: here('./dist/volunteer') },
};

/** One `vite build` builds every surface: the HR pane, then the others beside it. */
function otherSurfaces(): Plugin {
  return {
    name: 'binome-surfaces',
    apply: 'build',
    async closeBundle() {
      for (const surface of [outlookPane, gcalViewer, volunteerPage]) await build(surface);
    },
  };
}

/** The HR pane, built into addins/dist/admin/ and served by the service at /admin/. */
export default defineConfig({
  root: here('./admin'),
  base: '/admin/',
  plugins: [react(), otherSurfaces()],
  logLevel: 'warn',
  build: { ...shared, outDir: here('./dist/admin') },
});
