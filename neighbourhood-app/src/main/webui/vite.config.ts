import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// The BFF (neighbourhood-app, Quarkus) serves the built files from META-INF/resources and answers /session, /api …
// In development `npm run dev` proxies those paths to a running BFF (default http://localhost:8085).
const bff = process.env.LINLI_BFF ?? 'http://localhost:8085';
const proxied = ['/api', '/session', '/dev', '/sign-in', '/sign-out', '/callback'];

export default defineConfig({
  base: '/',
  plugins: [vue()],
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
