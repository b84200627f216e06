import type { Catalog } from '../catalog/catalog.ts';
import type { Film } from '../catalog/model.ts';
import { normalize } from './normalize.ts';
import { TitleIndex } from './title-index.ts';

export type FilmResolution = { kind: 'id' | 'title' | 'fuzzy'; film: Film; alternatives: Film[] } | { kind: 'none'; suggestions: Film[] };

const MAX_QUERY = 200;
/** Above this fuse.js score a title no longer reads as "the one they meant" (as for episodes). */
const CONFIDENT = 0.35;
const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii', 'xiii', 'xiv', 'xv'];

/**
 * The names a film answers to: its title and aliases, the title without the franchise in front
 * ("The Wrath of Khan", "Generations") and with its roman numeral as a number ("Star Trek 2: ...").
 */
export function filmNames(film: Film): string[] {
  const names = [film.title, ...film.aliases];
  const colon = film.title.indexOf(':');
  if (colon > 0) names.push(film.title.slice(colon + 1));
  const prefix = `${film.pack.name} `;
  if (film.title.startsWith(prefix) && film.title.length > prefix.length) names.push(film.title.slice(prefix.length));
  const folded = normalize(film.title);
  const arabic = folded.replace(/\b(x{0,1}(?:ix|iv|v?i{0,3}))\b/g, (word) => {
    const n = ROMAN.indexOf(word);
    return word && n >= 0 ? String(n + 1) : word;
  });
  if (arabic !== folded) names.push(arabic);
  return names;
}

/** Film lookup: an id, an exact name (title, alias, subtitle), then typo-tolerant and prefix matches. */
export class FilmIndex {
  private readonly titles: TitleIndex<Film>;

  constructor(private readonly catalog: Catalog) {
    this.titles = new TitleIndex({ entries: catalog.films, names: filmNames });
  }

  prepare(): void {
    this.titles.prepare();
  }

  /** A film by an exact name only (no guessing): what /episode checks before saying nothing matched. */
  named(text: string): Film | undefined {
    const folded = normalize(text.slice(0, MAX_QUERY));
    if (!folded) return undefined;
    const at = this.titles.exact(folded)[0] ?? this.titles.loose(folded)[0];
    return at === undefined ? undefined : this.catalog.films[at];
  }

  resolve(text: string): FilmResolution {
    const query = text.slice(0, MAX_QUERY);
    const direct = this.catalog.film(query.trim());
    if (direct) return { kind: 'id', film: direct, alternatives: [] };
    const folded = normalize(query);
    if (!folded) return { kind: 'none', suggestions: [] };
    const exact = this.titles.exact(folded);
    const found = exact.length > 0 ? exact : this.titles.loose(folded);
    if (found.length > 0) {
      const [first, ...rest] = found.map((at) => this.catalog.films[at]!);
      return { kind: 'title', film: first!, alternatives: rest };
    }
    const ranked = this.titles.rank(folded, undefined, true);
    const top = ranked[0];
    if (top && top.score <= CONFIDENT) {
      const close = ranked.slice(1).filter((c) => c.score <= Math.min(CONFIDENT, top.score + 0.1));
      return { kind: 'fuzzy', film: top.entry, alternatives: close.slice(0, 5).map((c) => c.entry) };
    }
    return { kind: 'none', suggestions: ranked.slice(0, 3).map((c) => c.entry) };
  }

  /** Choices while typing, best first; every film in release order when nothing is typed yet. */
  autocomplete(text: string, limit = 25): Film[] {
    const folded = normalize(text.slice(0, MAX_QUERY));
    if (!folded) return this.catalog.films.slice(0, limit);
    const exact = [...this.titles.exact(folded), ...this.titles.loose(folded)].map((at) => this.catalog.films[at]!);
    const ranked = this.titles.rank(folded, undefined, true).map((r) => r.entry);
    return [...new Set([...exact, ...ranked])].slice(0, limit);
  }
}
