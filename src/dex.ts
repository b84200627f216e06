import type { Catalog } from './catalog/catalog.ts';
import { loadCatalog } from './catalog/load.ts';
import { EpisodeIndex } from './search/episode-index.ts';
import { PlotIndex, PlotIndexBuilder } from './search/plot-index.ts';
import { SeriesLookup } from './search/series-lookup.ts';

/** The loaded data and its indexes: everything a command reads. */
export interface Dex {
  catalog: Catalog;
  episodes: EpisodeIndex;
  series: SeriesLookup;
  /** Plot search; the first read finishes building it if the background build has not. */
  readonly plots: PlotIndex;
}

/** Episodes indexed per slice of the background plot build, between turns of the event loop. */
const SLICE = 2_000;

/**
 * Builds the title index at once and the plot index either on first use or, with `background`, in
 * slices between interactions: a large catalog answers /episode as soon as its titles are indexed.
 */
export function createDex(catalog: Catalog, options: { background?: boolean } = {}): Dex {
  const builder = new PlotIndexBuilder(catalog);
  let plots: PlotIndex | undefined;
  const finish = () => (plots ??= builder.finish());
  if (options.background) {
    const slice = () => {
      if (plots) return;
      if (builder.step(SLICE)) finish();
      else setImmediate(slice);
    };
    setImmediate(slice);
  }
  return {
    catalog,
    episodes: new EpisodeIndex(catalog),
    series: new SeriesLookup(catalog),
    get plots() {
      return finish();
    },
  };
}

export function loadDex(dataDir: string, options: { background?: boolean } = {}): Dex {
  return createDex(loadCatalog(dataDir), options);
}
