// Pathways site script: the few things every page does with JavaScript on.
// Served from our own origin as /pkg/site.<hash>.js (immutable; no inline script, so
// the CSP needs no nonce and pages stay publicly cacheable). The server prepends
// `const LEAVE_URL = "…";`, the neutral page "Leave this site" goes to.
//
// 1. Leave quickly: the header's "Leave this site" link, or Shift pressed three
//    times within 5 seconds (as GOV.UK's "Exit this page" does), blanks the page at
//    once and replaces it with the neutral page, so the back button does not return
//    here where the browser allows. Without JavaScript the link still goes there.
// 2. The crisis country: a country's crisis page (its h1 carries
//    data-crisis-country) is remembered in this browser, and links to /crisis then
//    go straight to that country's page.
// 3. Offline: registers the service worker (/sw.js), shows a polite notice when it
//    has installed a new version of the site, and deletes the offline copy when
//    /my-data's "Delete everything" asks.

const COUNTRY_KEY = "pathways.crisis-country";
const COUNTRY = /^[a-z]{2,3}$/;
const PRESSES = 3;
const WINDOW_MS = 5000;

// 1. Leave quickly.
function leave(event) {
	if (event) {
		event.preventDefault();
	}
	document.title = "\u200b";
	document.body.hidden = true;
	window.location.replace(LEAVE_URL);
}

for (const link of document.querySelectorAll("a[data-leave]")) {
	link.addEventListener("click", leave);
}

const announce = document.querySelector("[data-leave-status]");
let presses = 0;
let lastKeyWasModified = false;
let timer = null;

function say(text) {
	if (announce) {
		announce.textContent = text;
	}
}

function resetPresses() {
	presses = 0;
	if (timer) {
		clearTimeout(timer);
		timer = null;
	}
}

document.addEventListener(
	"keyup",
	(event) => {
		// A Shift that was part of a shortcut or of typing a capital letter
		// (the key before it was still modified) does not count.
		if (event.key === "Shift" && !lastKeyWasModified) {
			presses += 1;
			if (timer) {
				clearTimeout(timer);
			}
			if (presses >= PRESSES) {
				resetPresses();
				leave();
			} else {
				say(
					presses === 1
						? "Shift, press 2 more times to leave this site."
						: "Shift, press 1 more time to leave this site.",
				);
				timer = setTimeout(() => {
					resetPresses();
					say("");
				}, WINDOW_MS);
			}
		} else if (presses > 0) {
			resetPresses();
			say("");
		}
		lastKeyWasModified = event.shiftKey;
	},
	true,
);

// Coming back to this page from the browser's page cache: show it again.
window.addEventListener("pageshow", (event) => {
	if (event.persisted) {
		document.body.hidden = false;
		resetPresses();
		say("");
	}
});

// 2. The crisis country.
function stored() {
	try {
		return window.localStorage.getItem(COUNTRY_KEY);
	} catch {
		return null;
	}
}

const heading = document.querySelector("h1[data-crisis-country]");
const shown = heading ? heading.dataset.crisisCountry : null;
if (shown && COUNTRY.test(shown) && stored() !== shown) {
	try {
		window.localStorage.setItem(COUNTRY_KEY, shown);
	} catch {
		// Storage is off or full: the links keep going to the country list.
	}
}
function pointAtCountry(link) {
	const country = stored();
	if (country && COUNTRY.test(country)) {
		link.setAttribute("href", `/crisis/${country}`);
	}
}
for (const link of document.querySelectorAll('a[href="/crisis"]')) {
	pointAtCountry(link);
}
// Links an island draws later (a result's "find crisis help") are pointed there
// when they are followed.
document.addEventListener(
	"click",
	(event) => {
		const link = event.target instanceof Element && event.target.closest('a[href="/crisis"]');
		if (link) {
			pointAtCountry(link);
		}
	},
	true,
);

// 3. Offline.
// "Delete everything" on /my-data asks for the offline copy to go too, so nothing in
// this browser shows that Pathways was read.
window.addEventListener("pathways-forget-offline", async () => {
	try {
		// The worker first, so it cannot fill the caches again.
		if ("serviceWorker" in navigator) {
			for (const registration of await navigator.serviceWorker.getRegistrations()) {
				await registration.unregister();
			}
		}
		for (const name of await caches.keys()) {
			if (name.startsWith("pathways-")) {
				await caches.delete(name);
			}
		}
	} catch {
		// Nothing to delete, or storage is off.
	}
});

function showUpdated() {
	const notice = document.querySelector("[data-update-notice]");
	if (!notice || notice.dataset.shown) {
		return;
	}
	notice.dataset.shown = "true";
	const text = document.createElement("p");
	text.append("Pathways was updated. ");
	const reload = document.createElement("a");
	reload.href = window.location.pathname;
	reload.textContent = "Show the new version of this page";
	text.append(reload, ".");
	notice.append(text);
}

if ("serviceWorker" in navigator) {
	navigator.serviceWorker.addEventListener("message", (event) => {
		if (event.data && event.data.type === "pathways-updated") {
			showUpdated();
		}
	});
	// After the page and its island have loaded, so the worker's download of the
	// site does not hold them up.
	const register = () =>
		navigator.serviceWorker
			.register("/sw.js", { scope: "/", updateViaCache: "none" })
			.catch(() => {
				// No worker (private mode, storage off): the site works online as before.
			});
	if (document.readyState === "complete") {
		register();
	} else {
		window.addEventListener("load", register);
	}
}
