import type { Entry } from '../catalog/model.ts';
import { Lru } from '../lru.ts';
import type { RenderContext } from './context.ts';
import { deepFreeze } from './freeze.ts';
import type { MessageData } from './reply.ts';
import { hidesSynopsis } from './story.ts';

/**
 * Recently rendered cards of one kind, least recently used first out. A card depends only on its
 * entry, the alternatives it lists, the locale and whether the synopsis is hidden, so popular cards
 * are rendered once and reused. A card counts only for the very entry object it was rendered from, so
 * reloaded data never meets an old card. Cards are frozen all the way down: callers copy them, and a
 * reply made of one alone can be serialised once (see reply.ts).
 */
export class CardCache<T extends Entry> {
  private readonly cards: Lru<string, { entry: T; card: MessageData }>;

  constructor(size: number) {
    this.cards = new Lru(size);
  }

  card(ctx: RenderContext, entry: T, alternatives: readonly T[], render: (hidden: boolean) => MessageData): MessageData {
    const hidden = entry.synopsis !== undefined && hidesSynopsis(entry, ctx.settings, ctx.now);
    const key = `${entry.id}|${hidden ? 'h' : 's'}|${ctx.locale}|${alternatives.map((e) => e.id).join(',')}`;
    const cached = this.cards.get(key);
    if (cached?.entry === entry) return cached.card;
    return this.cards.set(key, { entry, card: deepFreeze(render(hidden)) }).card;
  }
}
