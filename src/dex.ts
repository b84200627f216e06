import type { Catalog } from './catalog/catalog.ts';
import { loadCatalog } from './catalog/load.ts';
import { EpisodeIndex } from './search/episode-index.ts';
import { FilmIndex } from './search/film-index.ts';
import { PlotIndex, PlotIndexBuilder } from './search/plot-index.ts';
import { SeriesLookup } from './search/series-lookup.ts';
import { StardateIndex } from './search/stardate-index.ts';

/** The loaded data and its indexes: everything a command reads. */
export interface Dex {
  catalog: Catalog;
  episodes: EpisodeIndex;
  films: FilmIndex;
  series: SeriesLookup;
  /** Built on first use: only /stardate reads it. */
  readonly stardates: StardateIndex;
  /** Plot search; the first read finishes building it if the background build has not. */
  readonly plots: PlotIndex;
}

/** Episodes indexed per slice of the background plot build, between turns of the event loop. */
const SLICE = 2_000;

/**
 * Builds what /episode needs at once (titles, codes, prefixes) and the rest either on first use or,
 * with `background`, in slices between interactions: the title typo table, then the plot index and
 * its typo table. A catalog answers /episode as soon as its titles are indexed; anything asked of a
 * part not built yet finishes that part first.
 */
export function createDex(catalog: Catalog, options: { background?: boolean } = {}): Dex {
  const builder = new PlotIndexBuilder(catalog);
  const episodes = new EpisodeIndex(catalog);
  const films = new FilmIndex(catalog);
  let plots: PlotIndex | undefined;
  let stardates: StardateIndex | undefined;
  const finish = () => (plots ??= builder.finish());
  if (options.background) {
    // One piece per turn of the event loop; each step says whether it is done.
    const steps: (() => boolean)[] = [
      () => {
        episodes.prepare();
        films.prepare();
        return true;
      },
      () => plots !== undefined || builder.step(SLICE),
      () => {
        finish().prepare();
        return true;
      },
    ];
    const next = () => {
      if (steps[0]!()) steps.shift();
      if (steps.length > 0) setImmediate(next);
    };
    setImmediate(next);
  }
  return {
    catalog,
    episodes,
    films,
    series: new SeriesLookup(catalog),
    get plots() {
      return finish();
    },
    get stardates() {
      return (stardates ??= new StardateIndex(catalog));
    },
  };
}

export function loadDex(dataDir: string, options: { background?: boolean } = {}): Dex {
  return createDex(loadCatalog(dataDir), options);
}
