import type { Catalog } from '../catalog/catalog.ts';
import type { Settings } from '../settings.ts';

/**
 * All a card needs: the data, the settings that shape it (spoilers), the reader's locale and the
 * time. A command context is one, and so is what a scheduled post or a preview builds without a
 * command running.
 */
export interface RenderContext {
  catalog: Catalog;
  settings: Settings;
  locale: string;
  now: Date;
}
