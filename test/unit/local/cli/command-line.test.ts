import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { flags, parseCommandLine } from '../../../../local/cli/command-line';

const COMMAND = {
  run: 'npm run tool',
  summary: 'A tool with one flag of each kind.',
  flags: {
    year: flags.required('the year', {
      value: 'YEAR',
      schema: z.coerce.number({ message: 'a whole year' }).check(z.int('a whole year')),
    }),
    out: flags.text('where to write', { value: 'DIR', default: 'reports' }),
    'data-dir': flags.text('where the data is', { value: 'DIR' }),
    requests: flags.positiveInteger('the samples', { value: 'N', default: 50 }),
    rates: flags.positiveIntegers('the rates', { value: 'RATES', default: [50, 200] }),
    only: flags.names('these sections only', { value: 'SECTIONS', known: ['alpha', 'beta'] }),
    quiet: flags.boolean('say less'),
  },
  notes: ['Environment: PORT (3000).'],
};
const USAGE =
  'usage: npm run tool -- --year YEAR [--out DIR] [--data-dir DIR] [--requests N] [--rates RATES] [--only SECTIONS] [--quiet]';

describe('the command-line flags', () => {
  it('gives typed values, with the defaults of the flags left out', () => {
    expect(parseCommandLine(COMMAND, ['--year', '2025', '--rates', '5,7', '--only=beta', '--quiet'])).toEqual(
      {
        kind: 'values',
        values: {
          year: 2025,
          out: 'reports',
          'data-dir': undefined,
          requests: 50,
          rates: [5, 7],
          only: ['beta'],
          quiet: true,
        },
      },
    );
  });

  it.each([['--help'], ['-h']])(
    'answers %s with the usage line, the summary, every flag and the notes',
    (flag) => {
      const answer = parseCommandLine(COMMAND, ['--requests', 'abc', flag]);

      expect(answer.kind).toBe('help');
      const lines = (answer as { text: string }).text.split('\n');
      expect(lines.slice(0, 3)).toEqual([USAGE, '', 'A tool with one flag of each kind.']);
      expect(lines).toContainEqual(expect.stringMatching(/^ {6}--year YEAR +the year \(required\)$/));
      expect(lines).toContainEqual(
        expect.stringMatching(/^ {6}--out DIR +where to write \(default: reports\)$/),
      );
      expect(lines).toContainEqual(
        expect.stringMatching(/^ {6}--only SECTIONS +these sections only \(alpha, beta\)$/),
      );
      expect(lines).toContainEqual(expect.stringMatching(/^ {6}--quiet +say less$/));
      expect(lines).toContainEqual(expect.stringMatching(/^ {2}-h, --help +print this help and stop$/));
      expect(lines.at(-1)).toBe('Environment: PORT (3000).');
    },
  );

  it.each([
    [['--year', '2025', '--verbose'], '--verbose: unknown flag'],
    [['--year', '2025', '-v'], '-v: unknown flag'],
    [['--year', '2025', 'stray'], 'stray: unexpected argument'],
    [['--year'], '--year: needs a value'],
    [['--year', '2025', '--data-dir'], '--data-dir: needs a value'],
    [['--year', '2025', '--data-dir='], '--data-dir: needs a value'],
    [['--year', '2025', '--requests', '-5'], '--requests: needs a value'],
    [['--year', '2025', '--quiet=yes'], '--quiet: takes no value'],
    [[], '--year: required'],
    [['--year', 'abc'], '--year: a whole year'],
    [['--year', '2025', '--requests', 'abc'], '--requests: abc is not a positive whole number'],
    [['--year', '2025', '--requests', '0'], '--requests: 0 is not a positive whole number'],
    [['--year', '2025', '--requests', '2.5'], '--requests: 2.5 is not a positive whole number'],
    [['--year', '2025', '--rates', '50,,200'], '--rates: an empty value is not a positive whole number'],
    [['--year', '2025', '--only', 'alpha,gamma'], '--only: unknown gamma; known: alpha, beta'],
  ])('refuses %j with "%s" and the usage line', (args, reason) => {
    expect(parseCommandLine(COMMAND, args)).toEqual({ kind: 'refused', text: `error: ${reason}\n${USAGE}` });
  });

  it('writes no "--" in the usage of a program without flags', () => {
    const answer = parseCommandLine({ run: 'npm run demo', summary: 'A demo.', flags: {} }, ['--help']);

    expect((answer as { text: string }).text.split('\n')[0]).toBe('usage: npm run demo');
  });
});
