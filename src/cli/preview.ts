import { parseArgs } from 'node:util';
import { commands } from '../../commands/index.ts';
import { CatalogError } from '../catalog/errors.ts';
import { loadDex } from '../dex.ts';
import { createDispatcher } from '../interactions/dispatch.ts';
import type { InteractionInput } from '../interactions/types.ts';
import { DEFAULT_SETTINGS } from '../settings.ts';
import { parseCommandLine, UsageError } from './command-line.ts';
import { renderText } from './render-text.ts';

const USAGE = `Usage:
  npm run preview -- '/episode query:penance'            the reply as a person reads it
  npm run preview -- --json '/episode query:penance'     the exact interaction response JSON
  npm run preview -- --autocomplete '/episode query:pen' the autocomplete choices
  npm run preview -- --component episode:show:pic-s02e03 [--values a,b]
Options: --locale en-US (default en-GB), --data <folder> (default $DATA_DIR or data)`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      autocomplete: { type: 'string' },
      component: { type: 'string' },
      values: { type: 'string' },
      locale: { type: 'string', default: 'en-GB' },
      data: { type: 'string', default: process.env.DATA_DIR || 'data' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const modes = [values.autocomplete !== undefined, values.component !== undefined, positionals.length > 0].filter(Boolean).length;
  if (modes !== 1) throw new UsageError(`Give exactly one command line, --autocomplete line or --component id.\n\n${USAGE}`);

  const dex = loadDex(values.data);
  const dispatch = createDispatcher({
    dex: () => dex,
    commands,
    settingsFor: () => ({ settings: DEFAULT_SETTINGS, available: true }),
    onError: (e) => console.error(e),
  });
  const common = { id: '0', user: { id: '0', name: 'preview' }, guildId: null, guildInstalled: false, permissions: null, locale: values.locale };
  let input: InteractionInput;
  if (values.component !== undefined) {
    input = { ...common, kind: 'component', customId: values.component, values: values.values ? values.values.split(',') : [] };
  } else {
    const line = values.autocomplete ?? positionals.join(' ');
    const { command, options } = parseCommandLine(line, commands, values.autocomplete !== undefined);
    input = { ...common, kind: values.autocomplete !== undefined ? 'autocomplete' : 'command', name: command.definition.name, options };
  }
  const response = await dispatch(input);
  console.log(values.json ? JSON.stringify(response, null, 2) : renderText(response));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof CatalogError) console.error(error.message);
    else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) console.error(`${error.message}\n\n${USAGE}`);
    else console.error(error);
    process.exit(2);
  },
);
