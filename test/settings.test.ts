import { ApplicationCommandOptionType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';
import { snowflake } from '../src/emulator/snowflake.ts';
import { createDispatcher } from '../src/interactions/dispatch.ts';
import { fromApiInteraction } from '../src/interactions/from-api.ts';
import { createLogger } from '../src/log.ts';
import { SettingsStore } from '../src/store/settings-store.ts';
import { dex } from './helpers.ts';
import {
  backends,
  botOn,
  changeSeenBy,
  closeClean,
  dmPlace,
  episodeAutocomplete,
  episodeCommand,
  guildPlace,
  hidden,
  MANAGE_SERVER,
  searchCommand,
  settingsCommand,
  spoilers,
} from './store-helpers.ts';

type Bot = Awaited<ReturnType<typeof botOn>>;

const S = ApplicationCommandOptionType.String;
const B = ApplicationCommandOptionType.Boolean;

describe.each(backends())('settings on %s', (name, url) => {
  const storeUrl = url();
  let a: Bot;
  let b: Bot;
  beforeAll(async () => {
    a = await botOn(storeUrl);
    // Two connections to one SQLite file or one Redis act like two bot processes; memory cannot be shared.
    b = name === 'memory' ? a : await botOn(storeUrl);
  });
  afterAll(async () => {
    for (const bot of new Set([a, b])) if (bot) await closeClean(bot.store);
  });

  it('starts from the defaults: spoilers always hidden, public replies, no default series', async () => {
    const place = guildPlace();
    const card = await a.ask(episodeCommand(place, 'penance'));
    expect(hidden(card)).toBe(true);
    expect(card.data.flags).toBeUndefined();
    const shown = await a.ask(settingsCommand(place, 'show'));
    expect(shown.data.flags).toBe(MessageFlags.Ephemeral);
    expect(shown.data.embeds[0].fields.map((f: any) => f.value)).toEqual([
      'Always hidden behind spoiler tags',
      'None: bare titles and codes search every series',
      'Public',
    ]);
  });

  it('lets a manager turn spoiler tags off, and a second bot instance sees it', async () => {
    const guild = snowflake();
    const saved = await a.ask(settingsCommand(guildPlace(guild, MANAGE_SERVER), 'spoilers', spoilers('never')));
    expect(saved.data.embeds[0].description).toBe('Saved.');
    expect(saved.data.embeds[0].fields[0].value).toBe('Shown plainly');
    expect(hidden(await b.ask(episodeCommand(guildPlace(guild), 'penance')))).toBe(false);
    expect(hidden(await a.ask(episodeCommand(guildPlace(), 'penance')))).toBe(true);
  });

  it('refuses members without Manage Server, and changes nothing', async () => {
    const guild = snowflake();
    const refused = await a.ask(settingsCommand(guildPlace(guild), 'spoilers', spoilers('never')));
    expect(refused.data.flags).toBe(MessageFlags.Ephemeral);
    expect(refused.data.content).toBe('Only members with the **Manage Server** permission can change TrekDex settings here. `/settings show` shows them.');
    expect(hidden(await a.ask(episodeCommand(guildPlace(guild), 'penance')))).toBe(true);
  });

  it('keeps DM settings per user, with no permission needed', async () => {
    const alice = dmPlace('900000000000000010');
    const bob = dmPlace('900000000000000011');
    expect((await a.ask(settingsCommand(alice, 'private', [{ name: 'default', type: B, value: true }]))).data.embeds[0].title).toBe('Your TrekDex settings');
    expect((await b.ask(episodeCommand(alice, 'penance'))).data.flags).toBe(MessageFlags.Ephemeral);
    expect((await b.ask(episodeCommand(bob, 'penance'))).data.flags).toBeUndefined();
    // "private:false" on the command still wins over the default.
    expect((await b.ask(episodeCommand(alice, 'penance', [{ name: 'private', type: B, value: false }]))).data.flags).toBeUndefined();
  });

  it("treats a guild where only the user installed TrekDex as the user's own settings", async () => {
    const place = guildPlace(snowflake(), '0', '900000000000000020');
    const interaction = settingsCommand(place, 'spoilers', spoilers('never')) as any;
    interaction.authorizing_integration_owners = { '1': place.user.id };
    const saved = await a.ask(interaction);
    expect(saved.data.embeds[0].title).toBe('Your TrekDex settings');
    const inDm = await b.ask(episodeCommand(dmPlace(place.user.id), 'penance'));
    expect(hidden(inDm)).toBe(false);
  });

  it('prefers the default series for shared titles and codes, and in autocomplete', async () => {
    const guild = snowflake();
    await a.ask(settingsCommand(guildPlace(guild, MANAGE_SERVER), 'series', [{ name: 'default', type: S, value: 'discovery' }]));
    expect((await b.ask(episodeCommand(guildPlace(guild), 'unification'))).data.embeds[0].title).toBe('S03E07 · Unification III');
    expect((await b.ask(episodeCommand(guildPlace(guild), 's01e01'))).data.embeds[0].author.name).toBe('Star Trek: Discovery');
    expect((await b.ask(episodeAutocomplete(guildPlace(guild), ''))).data.choices[0].value).toBe('dis-s01e01');
    // Autocomplete answers are reused per settings: a new default series must not get the old answer.
    await changeSeenBy(a, b, settingsCommand(guildPlace(guild, MANAGE_SERVER), 'series', [{ name: 'default', type: S, value: 'picard' }]));
    expect((await b.ask(episodeCommand(guildPlace(guild), 's01e01'))).data.embeds[0].author.name).toBe('Star Trek: Picard');
    expect((await b.ask(episodeAutocomplete(guildPlace(guild), ''))).data.choices[0].value).toBe('pic-s01e01');
    await changeSeenBy(a, b, settingsCommand(guildPlace(guild, MANAGE_SERVER), 'series', [{ name: 'default', type: S, value: 'none' }]));
    expect((await b.ask(episodeCommand(guildPlace(guild), 'unification'))).data.embeds[0].title).toBe('S05E07 · Unification I');
  });

  it('rejects an unknown series or spoiler mode with a clear message', async () => {
    const place = guildPlace(snowflake(), MANAGE_SERVER);
    expect((await a.ask(settingsCommand(place, 'series', [{ name: 'default', type: S, value: 'babylon 5' }]))).data.content).toMatch(
      /^No series matched “babylon 5”/,
    );
    expect((await a.ask(settingsCommand(place, 'spoilers', spoilers('sometimes')))).data.content).toBe('Choose a spoiler mode: `always`, `recent` or `never`.');
    expect((await a.ask(settingsCommand(place, 'spoilers', spoilers('recent', 0)))).data.content).toBe('`days` must be between 1 and 365.');
  });

  it('resets to the defaults', async () => {
    const guild = snowflake();
    await a.ask(settingsCommand(guildPlace(guild, MANAGE_SERVER), 'spoilers', spoilers('never')));
    const reset = await changeSeenBy(b, a, settingsCommand(guildPlace(guild, MANAGE_SERVER), 'reset'));
    expect(reset.data.embeds[0].fields[0].value).toBe('Always hidden behind spoiler tags');
    expect(hidden(await a.ask(episodeCommand(guildPlace(guild), 'penance')))).toBe(true);
  });

  it('falls back to the defaults when a stored value is corrupt or from an old format', async () => {
    for (const junk of ['not json at all', { spoilers: 'never' }, { v: 99, spoilers: { mode: 'never', days: 3 }, private: true }, 42]) {
      const guild = snowflake();
      await a.store.keyv.set(`settings:guild:${guild}`, junk);
      expect(hidden(await b.ask(episodeCommand(guildPlace(guild), 'penance')))).toBe(true);
      const saved = await b.ask(settingsCommand(guildPlace(guild, MANAGE_SERVER), 'spoilers', spoilers('never')));
      expect(saved.data.embeds[0].fields[0].value).toBe('Shown plainly');
    }
  });

  it('shares a per-user cooldown on /search between instances, and lets other users through', async () => {
    const user = `9000000000${Date.now() % 10_000_000}`;
    const first = await a.ask(searchCommand(guildPlace(snowflake(), '0', user), 'borg queen'));
    expect(first.data.embeds[0].title).toBe('Matches for “borg queen”');
    const second = await b.ask(searchCommand(guildPlace(snowflake(), '0', user), 'borg queen'));
    expect(second.data.flags).toBe(MessageFlags.Ephemeral);
    expect(second.data.content).toMatch(/^Easy there — `\/search` is cooling down\. Try again in [1-5] s\.$/);
    const other = await b.ask(searchCommand(guildPlace(snowflake(), '0', `${user}1`), 'borg queen'));
    expect(other.data.embeds).toHaveLength(1);
  });
});

describe('the spoiler policy "recent" at its boundary', () => {
  it('hides episodes released within the last N days and shows older ones', async () => {
    const url = backends()[0]![1]();
    const guild = snowflake();
    const admin = await botOn(url);
    await admin.ask(settingsCommand(guildPlace(guild, MANAGE_SERVER), 'spoilers', spoilers('recent', 14)));
    const logger = createLogger('silent');
    const at = (iso: string) => createDispatcher({ dex, commands, settingsStore: new SettingsStore(admin.store.keyv, logger), now: () => new Date(iso) });
    const ask = async (iso: string) => (await at(iso)(fromApiInteraction(episodeCommand(guildPlace(guild), 'penance'))!)) as any;
    expect(hidden(await ask('2022-03-24T23:59:59Z'))).toBe(true); // day 14
    expect(hidden(await ask('2022-03-25T00:00:00Z'))).toBe(false); // day 15
    expect(hidden(await ask('2022-03-01T00:00:00Z'))).toBe(true); // not released yet
    await closeClean(admin.store);
  });
});
