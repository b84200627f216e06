import type { Entry, Episode, Film } from './model.ts';

/** The optional facts and texts an episode may carry, in the order reports show them. */
export const OPTIONAL_FIELDS = [
  { name: 'logline', has: (e: Episode) => e.logline !== undefined },
  { name: 'synopsis', has: (e: Episode) => e.synopsis !== undefined },
  { name: 'running time', has: (e: Episode) => e.runtimeMinutes !== undefined },
  { name: 'page link', has: (e: Episode) => e.page !== undefined },
  { name: 'stardate', has: (e: Episode) => e.stardate !== undefined },
  { name: 'production code', has: (e: Episode) => e.productionCode !== undefined },
  { name: 'IMDb', has: (e: Episode) => e.imdb !== undefined },
] as const;

/** The same for films. */
export const FILM_FIELDS = [
  { name: 'logline', has: (f: Film) => f.logline !== undefined },
  { name: 'synopsis', has: (f: Film) => f.synopsis !== undefined },
  { name: 'running time', has: (f: Film) => f.runtimeMinutes !== undefined },
  { name: 'director', has: (f: Film) => f.director !== undefined },
  { name: 'stardate', has: (f: Film) => f.stardate !== undefined },
  { name: 'IMDb', has: (f: Film) => f.imdb !== undefined },
  { name: 'page link', has: (f: Film) => f.page !== undefined },
] as const;

export type FieldName = (typeof OPTIONAL_FIELDS)[number]['name'];

export interface Coverage {
  episodes: number;
  /** Episodes with both a logline and a synopsis: the card's full promise. */
  told: number;
  fields: Record<FieldName, number>;
}

export function hasTexts(episode: Entry): boolean {
  return episode.logline !== undefined && episode.synopsis !== undefined;
}

export function coverage(episodes: readonly Episode[]): Coverage {
  const fields = Object.fromEntries(OPTIONAL_FIELDS.map((f) => [f.name, 0])) as Record<FieldName, number>;
  let told = 0;
  for (const episode of episodes) {
    if (hasTexts(episode)) told++;
    for (const field of OPTIONAL_FIELDS) if (field.has(episode)) fields[field.name]++;
  }
  return { episodes: episodes.length, told, fields };
}
