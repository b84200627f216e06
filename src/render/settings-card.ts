import { EmbedBuilder } from 'discord.js';
import type { Catalog } from '../catalog/catalog.ts';
import type { Settings } from '../settings.ts';
import type { MessageData } from './reply.ts';

export function describeSpoilers(settings: Settings): string {
  switch (settings.spoilers.mode) {
    case 'never':
      return 'Shown plainly';
    case 'recent':
      return `Hidden for episodes released in the last ${settings.spoilers.days} day${settings.spoilers.days === 1 ? '' : 's'}`;
    default:
      return 'Always hidden behind spoiler tags';
  }
}

/** What /settings shows: the current values in words, for a server or for one user. */
export function settingsCard(settings: Settings, catalog: Catalog, forServer: boolean, note?: string): MessageData {
  const series = settings.defaultSeries ? catalog.seriesFor(settings.defaultSeries) : undefined;
  const embed = new EmbedBuilder()
    .setColor(0x4f7cac)
    .setTitle(forServer ? 'TrekDex settings for this server' : 'Your TrekDex settings')
    .addFields(
      { name: 'Synopses', value: describeSpoilers(settings) },
      { name: 'Default series', value: series ? `${series.title} (${series.code})` : 'None: bare titles and codes search every series' },
      { name: 'Replies', value: settings.private ? 'Private (only the person asking sees them)' : 'Public' },
    );
  if (note) embed.setDescription(note);
  return { embeds: [embed.toJSON()], components: [] };
}
