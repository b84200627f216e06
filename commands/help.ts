import { EmbedBuilder } from 'discord.js';
import { slashCommand } from '../src/interactions/definition.ts';
import type { Command } from '../src/interactions/types.ts';
import { linkRows } from '../src/render/components.ts';
import { message } from '../src/render/reply.ts';
import { lines, plain } from '../src/render/text.ts';

const definition = slashCommand('help', 'What TrekDex does, its commands, and what its index holds').toJSON();

/** Built with the registry it describes, so /help always lists exactly what is deployed. */
export function helpCommand(registry: () => readonly Command[]): Command {
  return {
    definition,
    run(ctx) {
      const { catalog } = ctx.dex;
      const list = registry().map((c) => `\`/${c.definition.name}\` ${c.definition.description}`);
      const packs = catalog.packs.map(
        (p) => `**${plain(p.name)}**: ${p.series.length} series, ${p.series.reduce((n, s) => n + s.episodes.length, 0)} episodes`,
      );
      const embed = new EmbedBuilder()
        .setColor(0x4f7cac)
        .setTitle('TrekDex')
        .setDescription(
          'An episode index in your server. Look up any episode by title, by code (`pic s02e02`, `tng 1x01`) or by what happens in it; ' +
            'typos are forgiven and suggestions appear as you type. Synopses are hidden behind spoiler tags.',
        )
        .addFields(
          { name: 'Commands', value: lines(list, 1024) },
          { name: 'Loaded data', value: lines([...packs, `${catalog.series.length} series, ${catalog.episodes.length} episodes in all`], 1024) },
        );
      const links = catalog.packs.flatMap((p) => (p.franchiseIndex ? [p.franchiseIndex] : []));
      return message({ embeds: [embed.toJSON()], components: linkRows(links) }, { ephemeral: true });
    },
  };
}
