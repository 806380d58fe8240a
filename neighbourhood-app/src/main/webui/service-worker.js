/*
 * 邻里 service worker (hand-written). The app shell works offline so a volunteer on the stairs can still open the round:
 *  - install: precache index.html, the manifest, the icons and every file of this build (the build writes their names
 *    and a version from their hashes into BUILD below: see vite.config.ts), so the first visit with signal
 *    is enough and a new build replaces the old cache as a whole;
 *  - /assets/* (hashed by Vite, never change): cache first;
 *  - navigations: network first, falling back to the cached index.html;
 *  - NEVER cached: /api/*, /session*, /dev/*, /sign-in* (and anything not GET, or from another origin).
 * The data a volunteer needs offline (the round, the queued outcomes) lives in localStorage, not here.
 */
// replaced at build time with this build's version and files
const BUILD = { version: 'dev', assets: [] };
const VERSION = 'linli-' + BUILD.version;
const SHELL = ['/', '/index.html', '/manifest.webmanifest', '/icon.svg', '/icon-192.png', '/icon-512.png'];
const PRECACHE = SHELL.concat(BUILD.assets);
const NEVER = [/^\/api(\/|$)/, /^\/session/, /^\/dev(\/|$)/, /^\/sign-in/, /^\/sign-out/, /^\/callback/, /^\/q\//];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(VERSION)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== VERSION).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (NEVER.some((pattern) => pattern.test(url.pathname))) return; // straight to the network, never stored

  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
    return;
  }
  if (SHELL.includes(url.pathname)) {
    event.respondWith(cacheFirst(request));
  }
});

async function cacheFirst(request) {
  const cache = await caches.open(VERSION);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) cache.put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(VERSION);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put('/index.html', response.clone());
    return response;
  } catch (error) {
    const shell = (await cache.match('/index.html')) || (await cache.match('/'));
    if (shell) return shell;
    throw error;
  }
}
