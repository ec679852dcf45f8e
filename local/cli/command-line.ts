import { parseArgs } from 'node:util';
import type * as z from 'zod/mini';

/** One flag of a command-line program: how it reads, what it means and how its value is checked. */
export interface Flag<T> {
  /** The value's placeholder in the help (`--out DIR`); absent for a switch. */
  readonly value?: string;
  readonly description: string;
  readonly required?: boolean;
  /** Shown in the help when the flag is left out. */
  readonly fallback?: string;
  /** The flag's value from its raw text (undefined when it was left out); throws FlagError with the reason. */
  readonly read: (raw: string | boolean | undefined) => T;
}

/** A flag's value that cannot be used; the message is the reason, printed after the flag's name. */
export class FlagError extends Error {
  override readonly name = 'FlagError';
}

export interface Command<F extends Record<string, Flag<unknown>>> {
  /** How it is run: `npm run report` (the usage line adds the `--` npm needs before flags). */
  readonly run: string;
  /** One line on what it does. */
  readonly summary: string;
  readonly flags: F;
  /** Settings that are not flags (environment variables), one line each. */
  readonly notes?: readonly string[];
}

export type FlagValues<F extends Record<string, Flag<unknown>>> = {
  [K in keyof F]: ReturnType<F[K]['read']>;
};

const positiveInteger = (raw: string): number => {
  if (!/^[0-9]+$/.test(raw) || Number(raw) < 1)
    throw new FlagError(`${raw || 'an empty value'} is not a positive whole number`);
  return Number(raw);
};

const listOf = (raw: string): string[] => raw.split(',').map((item) => item.trim());

/** Builders for the kinds of flag the programs take; each checks its value the way its meaning needs. */
export const flags = {
  /** A text value, e.g. a directory. */
  text: <D extends string | undefined = undefined>(
    description: string,
    options: { value: string; default?: D },
  ): Flag<D extends string ? string : string | undefined> => ({
    value: options.value,
    description,
    ...(options.default ? { fallback: options.default } : {}),
    read: (raw) => {
      // `--out=` would otherwise write into the working directory, `--data-dir=` keep nothing.
      if (raw === '') throw new FlagError('needs a value');
      return (raw === undefined ? options.default : raw) as D extends string ? string : string | undefined;
    },
  }),
  /** A switch: present or not. */
  boolean: (description: string): Flag<boolean> => ({ description, read: (raw) => raw === true }),
  /** A count or a size: a whole number of at least 1. */
  positiveInteger: (description: string, options: { value: string; default: number }): Flag<number> => ({
    value: options.value,
    description,
    fallback: String(options.default),
    read: (raw) => (raw === undefined ? options.default : positiveInteger(String(raw))),
  }),
  /** Comma-separated whole numbers of at least 1. */
  positiveIntegers: (description: string, options: { value: string; default: number[] }): Flag<number[]> => ({
    value: options.value,
    description,
    fallback: options.default.join(','),
    read: (raw) => (raw === undefined ? options.default : listOf(String(raw)).map(positiveInteger)),
  }),
  /** Comma-separated names out of a known set; undefined when left out. */
  names: <N extends string>(
    description: string,
    options: { value: string; known: readonly N[] },
  ): Flag<N[] | undefined> => ({
    value: options.value,
    description: `${description} (${options.known.join(', ')})`,
    read: (raw) => {
      if (raw === undefined) return undefined;
      const names = listOf(String(raw));
      const unknown = names.filter((name) => !(options.known as readonly string[]).includes(name));
      if (unknown.length)
        throw new FlagError(`unknown ${unknown.join(', ')}; known: ${options.known.join(', ')}`);
      return names as N[];
    },
  }),
  /** A required value checked by a schema of the domain (a year); the schema's first message is the reason. */
  required: <S extends z.ZodMiniType>(
    description: string,
    options: { value: string; schema: S },
  ): Flag<z.output<S>> => ({
    value: options.value,
    description,
    required: true,
    read: (raw) => {
      const parsed = options.schema.safeParse(raw);
      if (!parsed.success) throw new FlagError(parsed.error.issues[0]?.message ?? 'not valid');
      return parsed.data;
    },
  }),
};

const HELP: Flag<boolean> = flags.boolean('print this help and stop');

const usageOf = (command: Command<Record<string, Flag<unknown>>>): string =>
  [
    `usage: ${command.run}${Object.keys(command.flags).length ? ' --' : ''}`,
    ...Object.entries(command.flags).map(([name, flag]) => {
      const written = flag.value ? `--${name} ${flag.value}` : `--${name}`;
      return flag.required ? written : `[${written}]`;
    }),
  ].join(' ');

const helpOf = (command: Command<Record<string, Flag<unknown>>>): string => {
  const rows = [...Object.entries(command.flags), ['help', HELP] as const].map(([name, flag]) => [
    `${name === 'help' ? '-h, ' : '    '}--${name}${flag.value ? ` ${flag.value}` : ''}`,
    `${flag.description}${flag.required ? ' (required)' : ''}${flag.fallback ? ` (default: ${flag.fallback})` : ''}`,
  ]);
  const width = Math.max(...rows.map(([left]) => (left as string).length)) + 2;
  return [
    usageOf(command),
    '',
    command.summary,
    '',
    ...rows.map(([left, right]) => `  ${(left as string).padEnd(width)}${right}`),
    ...(command.notes?.length ? ['', ...command.notes] : []),
  ].join('\n');
};

const refusalOf = (command: Command<Record<string, Flag<unknown>>>, name: string, reason: string): string =>
  `error: ${name}: ${reason}\n${usageOf(command)}`;

/** What the arguments ask for: the help, a refusal with its reason, or the flags' values. */
export type Parsed<F extends Record<string, Flag<unknown>>> =
  | { kind: 'help'; text: string }
  | { kind: 'refused'; text: string }
  | { kind: 'values'; values: FlagValues<F> };

// Node quotes the offending argument first: `Unknown option '--x'`, `Option '--year <value>' argument missing`.
const quotedIn = (message: string): string => /'([^' ]*)/.exec(message)?.[1] ?? '';

/** Node's own parser (strict: no unknown flag, no stray argument) names the problem; this says it in one line. */
const reasonOf = (
  error: { code?: string; message: string },
  command: Command<Record<string, Flag<unknown>>>,
): [string, string] => {
  const name = quotedIn(error.message);
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return [name, 'unknown flag'];
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return [name, 'unexpected argument'];
  const flag = command.flags[name.replace(/^-+/, '')];
  if (flag && !flag.value) return [name, 'takes no value'];
  return [name, 'needs a value'];
};

/** Reads the arguments against the command's flags; never exits, so the tests can call it. */
export const parseCommandLine = <F extends Record<string, Flag<unknown>>>(
  command: Command<F>,
  args: readonly string[],
): Parsed<F> => {
  const refuse = (name: string, reason: string): Parsed<F> => ({
    kind: 'refused',
    text: refusalOf(command, name, reason),
  });
  // No flag is declared `multiple`, so each value is one string or boolean.
  let given: Record<string, string | boolean | undefined>;
  try {
    given = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(
          Object.entries(command.flags).map(([name, flag]) => [
            name,
            { type: flag.value ? ('string' as const) : ('boolean' as const) },
          ]),
        ),
        help: { type: 'boolean', short: 'h' },
      },
    }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    return refuse(...reasonOf(error as { code?: string; message: string }, command));
  }
  if (given.help) return { kind: 'help', text: helpOf(command) };
  const values: Record<string, unknown> = {};
  for (const [name, flag] of Object.entries(command.flags)) {
    const raw = given[name];
    if (raw === undefined && flag.required) return refuse(`--${name}`, 'required');
    try {
      values[name] = flag.read(raw);
    } catch (error) {
      if (error instanceof FlagError) return refuse(`--${name}`, error.message);
      throw error;
    }
  }
  return { kind: 'values', values: values as FlagValues<F> };
};

/** Refuses a combination of flags the way a malformed one is refused: the reason and the usage line, exit code 2. */
export const refuseFlag = (
  command: Command<Record<string, Flag<unknown>>>,
  name: string,
  reason: string,
): never => {
  console.error(refusalOf(command, name, reason));
  process.exit(2);
};

/** The program's flags from its arguments; `--help` prints the help and exits 0, a bad flag exits 2 with the reason. */
export const readCommandLine = <F extends Record<string, Flag<unknown>>>(
  command: Command<F>,
  args: readonly string[] = process.argv.slice(2),
): FlagValues<F> => {
  const parsed = parseCommandLine(command, args);
  if (parsed.kind === 'help') {
    console.log(parsed.text);
    process.exit(0);
  }
  if (parsed.kind === 'refused') {
    console.error(parsed.text);
    process.exit(2);
  }
  return parsed.values;
};
