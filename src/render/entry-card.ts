import type { Entry } from '../catalog/model.ts';
import type { RenderContext } from './context.ts';
import { episodeCard } from './episode-card.ts';
import { filmCard } from './film-card.ts';
import type { MessageData } from './reply.ts';

/** The card of whatever a mixed list (search, on this day, stardate) holds. */
export function entryCard(ctx: RenderContext, entry: Entry): MessageData {
  return entry.kind === 'film' ? filmCard(ctx, entry) : episodeCard(ctx, entry);
}
