import { ApplicationIntegrationType, ChannelType, EmbedBuilder, InteractionContextType, PermissionFlagsBits, time, TimestampStyles } from 'discord.js';
import type { Series } from '../src/catalog/model.ts';
import { slashCommand } from '../src/interactions/definition.ts';
import { OptionError, type Options } from '../src/interactions/options.ts';
import type { Choice, Command, CommandContext } from '../src/interactions/types.ts';
import { episodeChoices, seriesChoices } from '../src/render/choices.ts';
import { episodeLabel } from '../src/render/labels.ts';
import { message, notice } from '../src/render/reply.ts';
import { lines, plain, quoteUserText } from '../src/render/text.ts';
import type { Club } from '../src/rewatch/club.ts';
import { CADENCES, isTimeZone, parseTime, TIME_ZONES, type Cadence } from '../src/rewatch/plan.ts';

const channelOption = (required: boolean) => (o: import('discord.js').SlashCommandChannelOption) =>
  o
    .setName('channel')
    .setDescription(required ? 'The text channel the club posts to' : 'The club’s channel (default: this channel, or the only club)')
    .setRequired(required)
    .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement);

const definition = slashCommand('rewatch', 'Rewatch club: TrekDex posts the next episode to a channel on a schedule')
  // Clubs belong to a server: no DMs, and only a server install can post to its channels.
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((s) =>
    s
      .setName('start')
      .setDescription('Start a club in a channel')
      .addStringOption((o) => o.setName('series').setDescription('The series to watch').setRequired(true).setAutocomplete(true).setMaxLength(100))
      .addChannelOption(channelOption(true))
      .addStringOption((o) =>
        o.setName('from').setDescription('First episode: a code (2x01) or title (default: the first)').setAutocomplete(true).setMaxLength(200),
      )
      .addStringOption((o) =>
        o
          .setName('every')
          .setDescription('How often (default: daily)')
          .addChoices({ name: 'daily', value: 'daily' }, { name: 'weekdays (Monday to Friday)', value: 'weekdays' }, { name: 'weekly', value: 'weekly' }),
      )
      .addStringOption((o) => o.setName('at').setDescription('Time of day, 24 h, e.g. 20:00 (default)').setMaxLength(5))
      .addStringOption((o) => o.setName('timezone').setDescription('IANA time zone, e.g. Europe/Berlin (default: UTC)').setAutocomplete(true).setMaxLength(64))
      .addBooleanOption((o) => o.setName('threads').setDescription('Open a discussion thread on each post (default: true)')),
  )
  .addSubcommand((s) => s.setName('next').setDescription('Post the next episode now').addChannelOption(channelOption(false)))
  .addSubcommand((s) => s.setName('status').setDescription('Every club of this server'))
  .addSubcommand((s) => s.setName('pause').setDescription('Pause a club').addChannelOption(channelOption(false)))
  .addSubcommand((s) => s.setName('resume').setDescription('Resume a paused club').addChannelOption(channelOption(false)))
  .addSubcommand((s) => s.setName('stop').setDescription('End a club').addChannelOption(channelOption(false)))
  .toJSON();

const TEXT_CHANNELS: number[] = [ChannelType.GuildText, ChannelType.GuildAnnouncement];
const NO_TOKEN = 'Posting to channels needs the bot token: set `DISCORD_TOKEN` (in HTTP mode too) and restart TrekDex, then start the club again.';

function mayManage(ctx: CommandContext): boolean {
  const bits = ctx.permissions ?? 0n;
  // Checked here as well as through default_member_permissions, which server admins can override.
  return (bits & PermissionFlagsBits.ManageGuild) !== 0n || (bits & PermissionFlagsBits.Administrator) !== 0n;
}

/** What TrekDex needs in the club's channel, when Discord told us its permissions there. */
function missingPermissions(ctx: CommandContext, threads: boolean): string[] {
  if (ctx.appPermissions === null) return [];
  const needed: [bigint, string][] = [
    [PermissionFlagsBits.ViewChannel, 'View Channel'],
    [PermissionFlagsBits.SendMessages, 'Send Messages'],
    [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
  ];
  if (threads) needed.push([PermissionFlagsBits.CreatePublicThreads, 'Create Public Threads']);
  const bits = ctx.appPermissions;
  if ((bits & PermissionFlagsBits.Administrator) !== 0n) return [];
  return needed.filter(([flag]) => (bits & flag) === 0n).map(([, name]) => name);
}

function when(ms: number): string {
  const date = new Date(ms);
  return `${time(date, TimestampStyles.LongDateTime)} (${time(date, TimestampStyles.RelativeTime)})`;
}

function nextLine(ctx: CommandContext, club: Club): string {
  const series = ctx.catalog.seriesFor(club.seriesId);
  const episode = series?.episodes[club.next];
  if (club.finished || !episode) return 'Finished: every episode has been posted.';
  return `Next: ${plain(episodeLabel(episode))}, ${club.paused ? 'when resumed' : when(club.dueAt)}`;
}

function planText(club: Club): string {
  const weekday = club.weekday !== undefined ? ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'][club.weekday] : '';
  const every = club.every === 'daily' ? 'every day' : club.every === 'weekdays' ? 'Monday to Friday' : `weekly on ${weekday}`;
  return `${every} at ${club.at} (${club.timezone})`;
}

/** The episode `from` names within the series: a code ("2x01", "s02e01") or a title. */
function startPosition(ctx: CommandContext, series: Series, from: string | undefined): number {
  if (!from?.trim()) return 0;
  const direct = ctx.catalog.episode(from.trim());
  const found = direct ? { kind: 'id' as const, episode: direct } : ctx.dex.episodes.resolve(`${series.id} ${from}`, { preferSeries: series.id });
  if (found.kind === 'none' || found.episode.series !== series) {
    throw new OptionError(`“${quoteUserText(from)}” is not an episode of ${series.title}. Start typing \`from\` to see its episodes.`);
  }
  return found.episode.position;
}

/** The club a subcommand acts on: the named channel's, this channel's, or the server's only one. */
async function targetClub(ctx: CommandContext, options: Options): Promise<Club | string> {
  const service = ctx.rewatch!;
  const named = options.channel('channel');
  if (named) return (await service.clubs.get(ctx.guildId!, named)) ?? `There is no rewatch club in <#${named}>. \`/rewatch status\` lists this server's clubs.`;
  if (ctx.channelId) {
    const here = await service.clubs.get(ctx.guildId!, ctx.channelId);
    if (here) return here;
  }
  const all = await service.clubs.list(ctx.guildId!);
  if (all.length === 1) return all[0]!;
  return all.length === 0
    ? 'This server has no rewatch club yet. Start one with `/rewatch start`.'
    : 'This server has several clubs: name the club’s `channel`. `/rewatch status` lists them.';
}

async function start(ctx: CommandContext, options: Options) {
  const service = ctx.rewatch!;
  const seriesText = options.string('series') ?? '';
  const series = ctx.dex.series.find(seriesText);
  if (!series) throw new OptionError(`No series matched “${quoteUserText(seriesText)}”. Start typing to see the series I know.`);
  const channelId = options.channel('channel');
  if (!channelId) throw new OptionError('Choose the text channel the club posts to.');
  const type = ctx.resolved.channels?.[channelId]?.type;
  if (type !== undefined && !TEXT_CHANNELS.includes(type))
    throw new OptionError(`<#${channelId}> is not a text channel: a club posts to a text or announcement channel.`);
  const from = startPosition(ctx, series, options.string('from'));
  const every = (options.string('every') ?? 'daily') as Cadence;
  if (!CADENCES.includes(every)) throw new OptionError('`every` is daily, weekdays or weekly.');
  const at = (options.string('at') ?? '20:00').trim();
  if (!parseTime(at)) throw new OptionError(`“${quoteUserText(at, 20)}” is not a time. Use 24-hour HH:MM, for example \`20:00\` or \`7:30\`.`);
  const timezone = (options.string('timezone') ?? 'UTC').trim();
  if (!isTimeZone(timezone))
    throw new OptionError(
      `“${quoteUserText(timezone, 64)}” is not a time zone I know. Use an IANA name such as \`Europe/Berlin\` or \`America/New_York\`; start typing to see them.`,
    );
  const threads = options.boolean('threads') ?? true;
  if (channelId === ctx.channelId) {
    const missing = missingPermissions(ctx, threads);
    if (missing.length > 0)
      return notice(`TrekDex cannot post here yet: it lacks ${missing.join(', ')} in <#${channelId}>. Give it those permissions, then start the club again.`);
  }
  const club = await service.start({
    guildId: ctx.guildId!,
    channelId,
    seriesId: series.id,
    from,
    plan: { every, at, timezone },
    threads,
    createdBy: ctx.user.id,
  });
  if (!club) return notice(`<#${channelId}> already has a rewatch club. \`/rewatch status\` shows it; \`/rewatch stop\` ends it.`);
  const first = series.episodes[from]!;
  const embed = new EmbedBuilder()
    .setColor(0x4f7cac)
    .setTitle(`Rewatch club started: ${series.title}`)
    .setDescription(
      lines(
        [
          `Channel: <#${channelId}>`,
          `First episode: ${plain(episodeLabel(first))} (${from + 1} of ${series.episodes.length})`,
          `Plan: ${planText(club)}${threads ? ', with a discussion thread on each post' : ''}`,
          `First post: ${when(club.dueAt)}`,
        ],
        4000,
      ),
    );
  return message({ embeds: [embed.toJSON()] }, { ephemeral: true });
}

async function status(ctx: CommandContext) {
  const clubs = await ctx.rewatch!.clubs.list(ctx.guildId!);
  if (clubs.length === 0) return notice('This server has no rewatch club yet. Start one with `/rewatch start`.');
  const embed = new EmbedBuilder()
    .setColor(0x4f7cac)
    .setTitle(`Rewatch clubs (${clubs.length})`)
    .addFields(
      clubs.slice(0, 25).map((club) => {
        const series = ctx.catalog.seriesFor(club.seriesId);
        const state = club.paused
          ? club.paused.by === 'discord'
            ? `⏸️ Paused: ${club.paused.reason}. Fix that, then \`/rewatch resume\`.`
            : '⏸️ Paused by an admin. `/rewatch resume` continues.'
          : club.finished
            ? '🏁 Finished.'
            : '▶️ Running.';
        return {
          name: `${series?.title ?? club.seriesId}`.slice(0, 256),
          value: lines([`<#${club.channelId}> · ${planText(club)}`, nextLine(ctx, club), `Posted so far: ${club.posted}`, state], 1024),
        };
      }),
    );
  return message({ embeds: [embed.toJSON()] }, { ephemeral: true });
}

export const rewatch: Command = {
  definition,
  async run(ctx, options) {
    if (!ctx.guildId) return notice('Rewatch clubs live in servers: run `/rewatch` in the server whose channel should get the episodes.');
    if (!mayManage(ctx)) return notice('Only members with the **Manage Server** permission can run rewatch clubs.');
    if (!ctx.rewatch) return notice(NO_TOKEN);
    switch (options.subcommand) {
      case 'start':
        return start(ctx, options);
      case 'status':
        return status(ctx);
      case 'next':
      case 'pause':
      case 'resume':
      case 'stop': {
        const club = await targetClub(ctx, options);
        if (typeof club === 'string') return notice(club);
        const where = `<#${club.channelId}>`;
        if (options.subcommand === 'stop') {
          await ctx.rewatch.stop(club);
          return notice(`The rewatch club in ${where} has ended after ${club.posted} episode${club.posted === 1 ? '' : 's'}.`);
        }
        if (options.subcommand === 'pause') {
          if (club.paused) return notice(`The club in ${where} is already paused.`);
          await ctx.rewatch.pause(club, 'paused by an admin');
          return notice(`The club in ${where} is paused; it keeps its place. \`/rewatch resume\` continues.`);
        }
        if (options.subcommand === 'resume') {
          if (!club.paused) return notice(`The club in ${where} is not paused.`);
          const resumed = await ctx.rewatch.resume(club);
          return notice(resumed ? `The club in ${where} continues. ${nextLine(ctx, resumed)}.` : 'That club has just been stopped.');
        }
        if (club.finished) return notice(`The club in ${where} has posted every episode. \`/rewatch stop\` ends it.`);
        const outcome = await ctx.rewatch.postNext(club);
        const after = await ctx.rewatch.clubs.get(club.guildId, club.channelId);
        if (outcome === 'paused') return notice(`Discord refused the post, so the club in ${where} is paused: ${after?.paused?.reason ?? 'see the log'}.`);
        if (outcome === 'failed') return notice('Discord could not be reached to post; nothing changed. Try again in a minute.');
        if (outcome === 'skipped') return notice('That episode is being posted right now.');
        return notice(
          outcome === 'finished' ? `Posted the last episode in ${where}; the club has finished.` : `Posted in ${where}. ${after ? nextLine(ctx, after) : ''}`,
        );
      }
      default:
        throw new OptionError('Choose start, next, status, pause, resume or stop.');
    }
  },
  autocomplete(ctx, options) {
    const focused = options.focused();
    if (!focused) return [];
    if (focused.name === 'series') return seriesChoices(ctx.dex.series.suggest(focused.value));
    if (focused.name === 'from') {
      const series = ctx.dex.series.find(options.string('series') ?? '');
      const found = ctx.dex.episodes.autocomplete(series ? `${series.id} ${focused.value}` : focused.value, { preferSeries: series?.id, limit: 50 });
      return episodeChoices(series ? found.filter((e) => e.series === series) : found);
    }
    if (focused.name === 'timezone') {
      const typed = focused.value.trim().toLowerCase().replace(/ /g, '_');
      const starts = TIME_ZONES.filter(
        (z) =>
          z.toLowerCase().startsWith(typed) ||
          z
            .toLowerCase()
            .split('/')
            .some((p) => p.startsWith(typed)),
      );
      const contains = TIME_ZONES.filter((z) => !starts.includes(z) && z.toLowerCase().includes(typed));
      return [...starts, ...contains].slice(0, 25).map((z): Choice => ({ name: z, value: z }));
    }
    return [];
  },
};
