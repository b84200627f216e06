/**
 * Every button's and menu's custom id, `<command>:<action>:<args...>`, is built and read through the
 * family of the command that answers it. A command takes its name from its family, so renaming one
 * renames its buttons too, and an id no family builds cannot reach a handler by accident.
 */
export interface ComponentIds<A extends string = string> {
  readonly command: string;
  build(action: A, ...args: (string | number)[]): string;
}

export interface ParsedId {
  command: string;
  action: string;
  args: string[];
}

export function componentIds<const A extends string>(command: string, actions: readonly A[]): ComponentIds<A> {
  return {
    command,
    build(action, ...args) {
      if (!actions.includes(action)) throw new Error(`${command} has no component action "${action}"`);
      const id = [command, action, ...args].join(':');
      // Discord's limit; an id past it would be refused with the whole message.
      if (id.length > 100) throw new Error(`custom id longer than 100 characters: ${id.slice(0, 40)}...`);
      return id;
    },
  };
}

export function parseComponentId(customId: string): ParsedId {
  const [command = '', action = '', ...args] = customId.split(':');
  return { command, action, args };
}

export const EPISODE_IDS = componentIds('episode', ['show', 'pick']);
export const FILM_IDS = componentIds('film', ['show', 'pick']);
export const SEASON_IDS = componentIds('season', ['show', 'page']);
export const SERIES_IDS = componentIds('series', ['show']);
export const RANDOM_IDS = componentIds('random', ['again']);
