import { Catalog } from './catalog/catalog.ts';
import { loadCatalog } from './catalog/load.ts';
import { EpisodeIndex } from './search/episode-index.ts';
import { PlotIndex } from './search/plot-index.ts';
import { SeriesLookup } from './search/series-lookup.ts';

/** The loaded data and its indexes: everything a command reads, built once at start-up. */
export interface Dex {
  catalog: Catalog;
  episodes: EpisodeIndex;
  plots: PlotIndex;
  series: SeriesLookup;
}

export function createDex(catalog: Catalog): Dex {
  return { catalog, episodes: new EpisodeIndex(catalog), plots: new PlotIndex(catalog), series: new SeriesLookup(catalog) };
}

export function loadDex(dataDir: string): Dex {
  return createDex(loadCatalog(dataDir));
}
