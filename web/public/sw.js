/*
 * The app shell offline: the page and its hashed assets are kept in a cache, so the app opens
 * without a connection (the screens then say they are offline). API answers are never cached.
 */
const CACHE = "attendance-shell-v3";

/** The shell and the assets its page loads first (the page's first visit was not under this worker). */
async function keepShell() {
  const cache = await caches.open(CACHE);
  await cache.addAll(["/", "/manifest.webmanifest", "/icon.svg", "/icon-192.png"]);
  const page = await (await cache.match("/")).text();
  const assets = [...page.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await cache.addAll([...new Set(assets)]);
  // Both languages' words (fetched by the page's scripts, not named in the page), so either opens offline.
  const words = new Set();
  for (const script of assets.filter((a) => a.endsWith(".js"))) {
    const text = await (await cache.match(script)).text();
    for (const m of text.matchAll(/\b(words-[\w-]+\.js)/g)) words.add(`/assets/${m[1]}`);
  }
  await cache.addAll([...words]);
}

self.addEventListener("install", (event) => {
  event.waitUntil(keepShell());
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin || /^\/(api|v1)(\/|$)/.test(url.pathname)) return;
  if (request.mode === "navigate") {
    // The page from the network when there is one (and kept), else the kept shell.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) caches.open(CACHE).then((cache) => cache.put("/", response.clone()));
          return response;
        })
        .catch(() => caches.match("/").then((cached) => cached || Response.error())),
    );
    return;
  }
  if (url.pathname.startsWith("/assets/")) {
    // Hashed names never change: the kept copy is the file.
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ||
          fetch(request).then((response) => {
            if (response.ok) caches.open(CACHE).then((cache) => cache.put(request, response.clone()));
            return response;
          }),
      ),
    );
  }
});
