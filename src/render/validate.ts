import { ActionRowBuilder, EmbedBuilder, InteractionResponseType, type APIInteractionResponse } from 'discord.js';
import { responseProblems } from './limits.ts';

/**
 * Mentions that would render (or, without allowed_mentions, ping) and masked links, in visible text.
 * A channel mention (`<#id>`) is allowed: it links a channel and notifies no one, and /rewatch names
 * a club's channel that way; echoed user text is escaped, so it cannot produce one.
 */
const LIVE_MENTION = /(^|[^\u200b])@(everyone|here)|<@[!&]?\d|\]\(https?:/;

/**
 * Everything that would make Discord refuse or regret a reply: size limits, discord.js builders'
 * validation (each setter re-checks its part), an allowed_mentions that parses anything, and live
 * mentions or masked links in the text. Empty when the reply is fine.
 */
export function replyProblems(response: APIInteractionResponse): string[] {
  const problems = responseProblems(response);
  if (response.type !== InteractionResponseType.ChannelMessageWithSource && response.type !== InteractionResponseType.UpdateMessage) return problems;
  const data = response.data ?? {};
  try {
    for (const embed of data.embeds ?? []) {
      const builder = new EmbedBuilder();
      if (embed.title) builder.setTitle(embed.title);
      if (embed.description) builder.setDescription(embed.description);
      if (embed.url) builder.setURL(embed.url);
      if (embed.color !== undefined) builder.setColor(embed.color);
      if (embed.author) builder.setAuthor({ name: embed.author.name, url: embed.author.url });
      if (embed.footer) builder.setFooter({ text: embed.footer.text });
      if (embed.fields?.length) builder.addFields(embed.fields);
    }
    for (const row of data.components ?? []) ActionRowBuilder.from(row as never).toJSON();
  } catch (error) {
    problems.push(`discord.js builders reject it: ${(error as Error).message.split('\n')[0]}`);
  }
  const visible = [
    data.content ?? '',
    ...(data.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]),
  ];
  if (visible.some((text) => LIVE_MENTION.test(text))) problems.push('a live mention or masked link in the text');
  return problems;
}
