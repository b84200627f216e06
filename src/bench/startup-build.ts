import { loadCatalog } from '../catalog/load.ts';
import { createDex } from '../dex.ts';

/**
 * Run by the benchmark as a process of its own, with `npm start`'s Node flags: what a cold start
 * costs, the JIT not yet warm. Prints the load and build times as JSON: the title index (what
 * start-up waits for), then what `npm start` builds in the background (plot index, typo tables).
 */
let started = performance.now();
const catalog = loadCatalog(process.argv[2] ?? 'data');
const loadMs = performance.now() - started;
started = performance.now();
const dex = createDex(catalog);
const episodesMs = performance.now() - started;
started = performance.now();
const plots = dex.plots;
const plotsMs = performance.now() - started;
started = performance.now();
dex.episodes.prepare();
plots.prepare();
const typosMs = performance.now() - started;
console.log(JSON.stringify({ loadMs, episodesMs, plotsMs, typosMs }));
