// Pathways islands bootstrap, served from our own origin as a hashed file under /pkg/
// (no inline script anywhere, so the CSP needs no nonce and pages can be cached).
// After Leptos's island script (leptos/src/hydration/island_script.js, MIT): when the
// browser is idle, load the WASM bundle and bring every <leptos-island> to life.
// The server prepends `const JS = "…", WASM = "…";` with the hashed file names.
const childCallbacks = [];

// Leptos's hydration data, empty on every Pathways page (the server takes out the
// inline scripts that would declare it; see EMPTY_HYDRATION_DATA in islands.rs).
window.__RESOLVED_RESOURCES = [];
window.__SERIALIZED_ERRORS = [];
window.__PENDING_RESOURCES = [];
window.__RESOURCE_RESOLVERS = [];
window.__INCOMPLETE_CHUNKS = [];

function idle(callback) {
	if ("requestIdleCallback" in window) {
		window.requestIdleCallback(callback);
	} else {
		setTimeout(callback, 1);
	}
}

async function hydrateIsland(el, mod) {
	const id = el.dataset.component || null;
	const islandFn = id && mod[id];
	if (!islandFn) {
		console.warn(`Pathways: no WASM function for the island ${id}.`);
		return;
	}
	const onChildren = childCallbacks[childCallbacks.length - 1];
	if (onChildren) {
		onChildren();
	}
	const result = islandFn(el);
	if (result && result.then) {
		await result;
	}
}

async function traverse(node, mod) {
	if (node.nodeType !== Node.ELEMENT_NODE) {
		return;
	}
	const tag = node.tagName.toLowerCase();
	if (tag === "leptos-island") {
		await hydrateIsland(node, mod);
		for (const child of node.children) {
			await traverse(child, mod);
		}
	} else if (tag === "leptos-children") {
		childCallbacks.push(node.$$on_hydrate);
		for (const child of node.children) {
			await traverse(child, mod);
		}
		childCallbacks.pop();
	} else {
		for (const child of node.children) {
			await traverse(child, mod);
		}
	}
}

if (document.querySelector("leptos-island")) {
	idle(async () => {
		const mod = await import(JS);
		await mod.default({ module_or_path: WASM });
		mod.hydrate();
		await traverse(document.body, mod);
		window.__hydrateIsland = (el) => hydrateIsland(el, mod);
	});
}
