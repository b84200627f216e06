import { EmbedBuilder } from 'discord.js';
import { coverage } from '../src/catalog/coverage.ts';
import type { Catalog } from '../src/catalog/catalog.ts';
import { slashCommand } from '../src/interactions/definition.ts';
import type { Command } from '../src/interactions/types.ts';
import { linkRows } from '../src/render/components.ts';
import { message } from '../src/render/reply.ts';
import { lines, plain } from '../src/render/text.ts';

const definition = slashCommand('help', 'What TrekDex does, its commands, and what its index holds').toJSON();

/** How much of the index has its stories written, and which series are still missing some. */
function textsLines(catalog: Catalog): string[] {
  const all = coverage(catalog.episodes);
  const gaps = catalog.series
    .map((series) => ({ series, ...coverage(series.episodes) }))
    .filter((c) => c.told < c.episodes)
    .map((c) => `${plain(c.series.title)}: ${c.told} of ${c.episodes}`);
  const head = `Loglines and synopses: ${all.told} of ${all.episodes} episodes`;
  return gaps.length === 0 ? [`${head}, every one.`] : [`${head}. Still being written:`, ...gaps];
}

/** Built with the registry it describes, so /help always lists exactly what is deployed. */
export function helpCommand(registry: () => readonly Command[]): Command {
  return {
    definition,
    run(ctx) {
      const { catalog } = ctx.dex;
      const list = registry().map((c) => `\`/${c.definition.name}\` ${c.definition.description}`);
      const films = (n: number) => (n > 0 ? `, ${n} film${n === 1 ? '' : 's'}` : '');
      const packs = catalog.packs.map(
        (p) => `**${plain(p.name)}**: ${p.series.length} series, ${p.series.reduce((n, s) => n + s.episodes.length, 0)} episodes${films(p.films.length)}`,
      );
      const embed = new EmbedBuilder()
        .setColor(0x4f7cac)
        .setTitle('TrekDex')
        .setDescription(
          'An episode index in your server. Look up any episode by title, by code (`pic s02e02`, `tng 1x01`) or by what happens in it, any film with `/film`, and a stardate with `/stardate`; ' +
            'typos are forgiven and suggestions appear as you type. Each card opens with a spoiler-free premise; the whole story waits behind spoiler tags.',
        )
        .addFields(
          { name: 'Commands', value: lines(list, 1024) },
          {
            name: 'Loaded data',
            value: lines([...packs, `${catalog.series.length} series, ${catalog.episodes.length} episodes${films(catalog.films.length)} in all`], 1024),
          },
          { name: 'Episode texts', value: lines(textsLines(catalog), 1024) },
        );
      const links = catalog.packs.flatMap((p) => (p.franchiseIndex ? [p.franchiseIndex] : []));
      return message({ embeds: [embed.toJSON()], components: linkRows(links) }, { ephemeral: true });
    },
  };
}
