import Fuse from 'fuse.js';
import type { Catalog } from '../catalog/catalog.ts';
import { seriesNames } from '../catalog/catalog.ts';
import type { Series } from '../catalog/model.ts';
import { normalize } from './normalize.ts';

/** A dozen series and their aliases: small enough for fuse.js to rank them all on every keystroke. */
export class SeriesLookup {
  private readonly fuse: Fuse<{ series: Series; name: string }>;
  /** Every series with its names folded once, for the "starts with" pass on each keystroke. */
  private readonly folded: { series: Series; names: string[] }[];

  constructor(private readonly catalog: Catalog) {
    this.folded = catalog.series.map((series) => ({ series, names: seriesNames(series).map(normalize) }));
    const entries = this.folded.flatMap(({ series, names }) => names.map((name) => ({ series, name })));
    this.fuse = new Fuse(entries, { keys: ['name'], includeScore: true, ignoreLocation: true, threshold: 0.4 });
  }

  /** An exact name first, then the closest by fuse.js. */
  find(text: string): Series | undefined {
    return this.catalog.findSeries(text) ?? this.suggest(text)[0];
  }

  suggest(text: string, limit = 25): Series[] {
    const folded = normalize(text);
    if (!folded) return this.catalog.series.slice(0, limit);
    const found: Series[] = [];
    const exact = this.catalog.findSeries(text);
    if (exact) found.push(exact);
    for (const { series, names } of this.folded) {
      if (!found.includes(series) && names.some((n) => n.startsWith(folded))) found.push(series);
    }
    for (const result of this.fuse.search(folded)) if (!found.includes(result.item.series)) found.push(result.item.series);
    return found.slice(0, limit);
  }
}
