import { ApplicationCommandOptionType } from 'discord.js';
import type { Command, RawOption } from '../interactions/types.ts';

export class UsageError extends Error {}

/**
 * "/episode query:penance private:true" -> the command and its options, typed as Discord would
 * send them. A value runs until the next " name:" of a known option, so titles may hold spaces;
 * the first required option needs no name ("/episode penance").
 */
export function parseCommandLine(line: string, commands: readonly Command[], focusLast = false): { command: Command; options: RawOption[] } {
  const match = /^\s*\/?([\w-]+)\s*(.*)$/s.exec(line);
  if (!match) throw new UsageError(`"${line}" is not a command line. Write it like '/episode query:penance'.`);
  const name = match[1]!.toLowerCase();
  const command = commands.find((c) => c.definition.name === name);
  if (!command) throw new UsageError(`There is no /${name} command. Commands: ${commands.map((c) => `/${c.definition.name}`).join(', ')}.`);
  let known = command.definition.options ?? [];
  let rest = match[2]!;
  let subcommand: string | undefined;
  if (known.some((o) => o.type === ApplicationCommandOptionType.Subcommand)) {
    const sub = /^\s*([\w-]+)\s*(.*)$/s.exec(rest);
    const found = known.find((o) => o.name === sub?.[1]?.toLowerCase());
    if (!found || found.type !== ApplicationCommandOptionType.Subcommand) {
      throw new UsageError(`/${name} needs one of: ${known.map((o) => o.name).join(', ')} (e.g. '/${name} ${known[0]!.name}').`);
    }
    subcommand = found.name;
    known = found.options ?? [];
    rest = sub![2]!;
  }
  const names = known.map((o) => o.name).join('|');
  const parts = names ? rest.split(new RegExp(`(?:^|\\s+)(${names}):`)) : [rest];
  // As in Discord's chat box, text before any "name:" fills the first required option that is not
  // named later: "/episode penance" is "/episode query:penance".
  const leading = parts[0]!.trim();
  const first = known.find((o) => 'required' in o && o.required && !parts.includes(o.name));
  if (leading && first) parts.splice(0, 1, '', first.name, leading);
  if (parts[0]!.trim()) {
    throw new UsageError(`I could not read "${parts[0]!.trim()}". Options of /${name}: ${known.map((o) => `${o.name}:`).join(' ') || 'none'}.`);
  }
  const options: RawOption[] = [];
  for (let i = 1; i < parts.length; i += 2) {
    const optionName = parts[i]!;
    const text = parts[i + 1]!.trim();
    const definition = known.find((o) => o.name === optionName)!;
    const focused = focusLast && i === parts.length - 2;
    options.push({
      name: optionName,
      type: definition.type,
      value: focused ? text : coerce(text, definition.type, optionName),
      ...(focused ? { focused } : {}),
    });
  }
  if (focusLast && options.length === 0) throw new UsageError(`Autocomplete needs the option being typed, e.g. '/${name} ${known[0]?.name ?? 'option'}:pen'.`);
  for (const required of known.filter((o) => 'required' in o && o.required)) {
    if (!focusLast && !options.some((o) => o.name === required.name))
      throw new UsageError(`/${name}${subcommand ? ` ${subcommand}` : ''} needs ${required.name}:`);
  }
  if (subcommand) return { command, options: [{ name: subcommand, type: ApplicationCommandOptionType.Subcommand, options }] };
  return { command, options };
}

function coerce(text: string, type: ApplicationCommandOptionType, name: string): string | number | boolean {
  switch (type) {
    case ApplicationCommandOptionType.Integer:
      if (!/^-?\d+$/.test(text)) throw new UsageError(`${name}: "${text}" is not a whole number.`);
      return Number(text);
    case ApplicationCommandOptionType.Number:
      if (Number.isNaN(Number(text))) throw new UsageError(`${name}: "${text}" is not a number.`);
      return Number(text);
    case ApplicationCommandOptionType.Boolean:
      if (!/^(true|false)$/i.test(text)) throw new UsageError(`${name}: "${text}" must be true or false.`);
      return text.toLowerCase() === 'true';
    default:
      return text;
  }
}
