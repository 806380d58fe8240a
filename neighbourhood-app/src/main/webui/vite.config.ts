import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

// The BFF (neighbourhood-app, Quarkus) serves the built files from META-INF/resources and answers /session, /api …
// In development `npm run dev` proxies those paths to a running BFF (default http://localhost:8085).
const bff = process.env.LINLI_BFF ?? 'http://localhost:8085';
const proxied = ['/api', '/session', '/dev', '/sign-in', '/sign-out', '/callback'];

/**
 * Emits /sw.js from service-worker.js with this build's file names and a version made from their hashes, so the
 * service worker precaches the whole app on install (a volunteer who opened the app once with signal can reload it on
 * the stairs) and a new build's worker replaces the old cache instead of serving stale files.
 */
function serviceWorker(): Plugin {
  const placeholder = "const BUILD = { version: 'dev', assets: [] };";
  return {
    name: 'linli-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const assets = Object.keys(bundle)
        .filter((name) => !name.endsWith('.html') && !name.endsWith('.map'))
        .map((name) => '/' + name)
        .sort();
      const version = createHash('sha256').update(assets.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(new URL('./service-worker.js', import.meta.url), 'utf8');
      if (!source.includes(placeholder)) this.error('service-worker.js lost its BUILD placeholder');
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: source.replace(placeholder, `const BUILD = ${JSON.stringify({ version, assets })};`),
      });
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [vue(), serviceWorker()],
  build: {
    outDir: '../../../target/classes/META-INF/resources',
    emptyOutDir: true,
    target: 'es2020',
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: bff, changeOrigin: false }])),
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
