import { escapeMarkdown } from 'discord.js';

/**
 * Text a user typed, made safe to echo: markdown shown literally, mentions broken with a zero-width
 * space so they neither ping (allowed_mentions is empty anyway) nor render as a highlighted mention.
 */
export function quoteUserText(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const short = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return escapeMarkdown(short)
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<(@[!&]?|#|\/)/g, '<\u200b$1')
    .replace(/\bhttps?:\/\//gi, (scheme) => `${scheme.slice(0, -3)}\u200b://`);
}

/**
 * Data text (titles, synopses) shown as written: every markdown character is backslash-escaped,
 * which Discord renders as the character itself. Not escapeMarkdown(): its italic rule uses
 * lookbehinds that cost over a millisecond on a long synopsis, which made card rendering the
 * bottleneck of the HTTP endpoint. This pass is linear.
 */
export function plain(text: string): string {
  return text
    .replace(/[\\*_~`|[\]<>]/g, '\\$&')
    .replace(/^(\s*)([#>-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\./gm, '$1\\.');
}

/**
 * Cuts `text` to at most `max` characters on a word boundary, ending with an ellipsis. Never leaves
 * a dangling backslash, which would escape whatever markup follows (such as a closing spoiler).
 */
export function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const space = cut.search(/\s\S*$/);
  if (space > max * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s\\]+$/, '')}…`;
}

/** One line per item until `max` characters, then "…and N more". */
export function lines(items: string[], max: number): string {
  const out: string[] = [];
  let used = 0;
  for (let i = 0; i < items.length; i++) {
    const more = `…and ${items.length - i} more`;
    const item = items[i]!;
    if (used + item.length + 1 + (i < items.length - 1 ? more.length + 1 : 0) > max) {
      out.push(more);
      break;
    }
    out.push(item);
    used += item.length + 1;
  }
  return out.join('\n');
}
