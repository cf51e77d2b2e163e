// Pathways service worker: the site, read offline. Our own code, from our own origin.
// The server prepends `const VERSION = "…", PRECACHE = […];`: a hash of the content
// version and of every asset's name, and every page and file of that version. A new
// content version is a new worker, which installs the whole version into a cache of
// its own before it takes over, so a reader never gets a mix of old and new pages.
//
// Never cached: anything but GET, anything with a query string (a search carries what
// a reader typed), the API (search, scoring), and the search page.

const CACHE = `pathways-${VERSION}`;
// The crisis page, kept apart and first: it is there even if a version could not be
// installed in full, and it survives the switch from one version to the next.
const CRISIS_CACHE = "pathways-crisis";
const CRISIS = "/crisis";
// The per-country crisis pages the crisis page links to.
const COUNTRY_LINK = /href="(\/crisis\/[a-z]{2,3})"/g;

function fresh(url) {
	// Past the HTTP cache, so every file comes from the version being served now.
	return new Request(url, { cache: "reload", credentials: "omit" });
}

self.addEventListener("install", (event) => {
	event.waitUntil(
		(async () => {
			const crisis = await caches.open(CRISIS_CACHE);
			if (!(await crisis.match(CRISIS))) {
				await crisis.add(fresh(CRISIS));
			}
			const cache = await caches.open(CACHE);
			await cache.addAll(PRECACHE.map(fresh));
			const page = await cache.match(CRISIS);
			if (page) {
				const html = await page.text();
				const countries = new Set(
					[...html.matchAll(COUNTRY_LINK)].map((m) => m[1]),
				);
				await cache.addAll([...countries].map(fresh));
			}
			// The whole version is in: take over at once (the page says so).
			await self.skipWaiting();
		})(),
	);
});

self.addEventListener("activate", (event) => {
	event.waitUntil(
		(async () => {
			const names = await caches.keys();
			const old = names.filter(
				(name) =>
					name.startsWith("pathways-") &&
					name !== CACHE &&
					name !== CRISIS_CACHE,
			);
			await Promise.all(old.map((name) => caches.delete(name)));
			const page = await (await caches.open(CACHE)).match(CRISIS);
			if (page) {
				await (await caches.open(CRISIS_CACHE)).put(CRISIS, page);
			}
			await self.clients.claim();
			if (old.length > 0) {
				const windows = await self.clients.matchAll({
					type: "window",
					includeUncontrolled: true,
				});
				for (const client of windows) {
					client.postMessage({ type: "pathways-updated", version: VERSION });
				}
			}
		})(),
	);
});

self.addEventListener("fetch", (event) => {
	const request = event.request;
	if (request.method !== "GET") {
		return;
	}
	const url = new URL(request.url);
	if (
		url.origin !== self.location.origin ||
		url.search !== "" ||
		url.pathname.startsWith("/api/") ||
		url.pathname === "/search" ||
		url.pathname === "/sw.js"
	) {
		return;
	}
	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			const hit =
				(await cache.match(url.pathname, { ignoreVary: true })) ||
				(url.pathname === CRISIS &&
					(await (await caches.open(CRISIS_CACHE)).match(CRISIS)));
			return hit || fetch(request);
		})(),
	);
});
