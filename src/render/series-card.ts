import { ActionRowBuilder, EmbedBuilder, StringSelectMenuBuilder } from 'discord.js';
import { coverage } from '../catalog/coverage.ts';
import type { Series } from '../catalog/model.ts';
import { SEASON_IDS } from '../interactions/component-ids.ts';
import type { RenderContext } from './context.ts';
import { years } from './choices.ts';
import { seriesColour } from './colour.ts';
import { linkRows, type Row } from './components.ts';
import { formatRange } from './dates.ts';
import { clip } from './labels.ts';
import type { MessageData } from './reply.ts';
import { fit, lines, plain } from './text.ts';

function seasonLine(series: Series, index: number, locale: string): string {
  const season = series.seasons[index]!;
  const first = season.episodes[0]!.releaseDate;
  const last = season.episodes.at(-1)!.releaseDate;
  const count = season.episodes.length;
  return `**Season ${season.number}** · ${count} episode${count === 1 ? '' : 's'} · ${formatRange(first, last, locale)}`;
}

function known(name: string, value: string | undefined): { name: string; value: string; inline: true }[] {
  return value ? [{ name, value: clip(value, 1024), inline: true }] : [];
}

/** Said only while some episodes still lack texts, so nobody is surprised by an empty card. */
function textsField(series: Series): { name: string; value: string }[] {
  const { told, episodes } = coverage(series.episodes);
  if (told === episodes) return [];
  return [{ name: 'Loglines and synopses', value: `${told} of ${episodes} episodes have them so far; the rest show their facts only.` }];
}

/** `/series`: the whole show at a glance, with a menu to open any season. */
export function seriesCard(ctx: RenderContext, series: Series): MessageData {
  const episodes = series.episodes.length;
  const embed = new EmbedBuilder()
    .setColor(seriesColour(series.id))
    .setAuthor({ name: clip(series.pack.name, 256) })
    .setTitle(clip(series.title, 256))
    .setDescription(series.blurb ? fit(plain(series.blurb.text), 1500) : `The ${series.code} part of the ${plain(series.pack.name)} index.`)
    .addFields(
      // Facts the data does not have are left off rather than shown as "Not recorded".
      ...known('Created by', series.creators.join(', ')),
      ...known('Network', series.network),
      { name: 'Years', value: years(series), inline: true },
      { name: 'Seasons', value: String(series.seasons.length), inline: true },
      { name: 'Episodes', value: String(episodes), inline: true },
      ...known('Country · Language', [series.country, series.language].filter(Boolean).join(' · ')),
      ...textsField(series),
      {
        name: 'Season by season',
        value: lines(
          series.seasons.map((_, i) => seasonLine(series, i, ctx.locale)),
          1024,
        ),
      },
    )
    .setFooter({ text: clip(`${series.pack.name} · ${series.code}${series.blurb ? ` · About: ${series.blurb.credit}` : ''}`, 2048) });
  if (series.index) embed.setURL(series.index);

  const links = [];
  if (series.index) links.push({ label: `${series.title} index`, url: series.index });
  if (series.pack.franchiseIndex) links.push(series.pack.franchiseIndex);
  const components: Row[] = linkRows(links);
  const menu = new StringSelectMenuBuilder()
    .setCustomId(SEASON_IDS.build('show', series.id))
    .setPlaceholder('Open a season')
    .addOptions(
      series.seasons.slice(0, 25).map((season) => ({
        label: `Season ${season.number}`,
        value: String(season.number),
        description: `${season.episodes.length} episodes`,
      })),
    );
  components.push(new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu).toJSON());
  return { embeds: [embed.toJSON()], components };
}
