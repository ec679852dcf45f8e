import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Runs a program the README names as its npm script does; the time limit fails one that starts working instead. */
const run = (file: string, args: string[]) => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

const PROGRAMS = [
  { script: 'npm start', file: 'local/cli/start.ts', flags: ['--data-dir DIR'] },
  { script: 'npm run demo', file: 'local/cli/demo.ts', flags: [] },
  { script: 'npm run openapi', file: 'local/cli/openapi.ts', flags: [] },
  { script: 'npm run phone-metadata', file: 'local/cli/phone-metadata.ts', flags: [] },
  {
    script: 'npm run report',
    file: 'local/cli/report.ts',
    flags: [
      '--year YEAR',
      '--out DIR',
      '--data-dir DIR',
      '--endpoint URL',
      '--table-prefix PREFIX',
      '--seed-demo',
    ],
  },
  {
    script: 'npm run bench',
    file: 'bench/run.ts',
    flags: ['--only SECTIONS', '--requests N', '--runs N', '--volunteers N', '--surge-rates RATES'],
  },
];

describe.each(PROGRAMS)('$script', ({ script, file, flags }) => {
  it('answers --help with its usage line and every flag, and exits 0', () => {
    const answer = run(file, ['--help']);

    expect(answer).toMatchObject({ code: 0, stderr: '' });
    expect(answer.stdout.split('\n')[0]).toMatch(new RegExp(`^usage: ${script}`));
    for (const flag of [...flags, '-h, --help']) expect(answer.stdout).toContain(flag);
  }, 70_000);

  it('refuses an unknown flag with the reason and the usage line, exit code 2 and no stack trace', () => {
    const answer = run(file, ['--no-such-flag']);

    expect(answer.code).toBe(2);
    expect(answer.stderr.split('\n').slice(0, 2)).toEqual([
      'error: --no-such-flag: unknown flag',
      expect.stringMatching(new RegExp(`^usage: ${script}`)),
    ]);
    expect(answer.stderr).not.toMatch(/\n\s+at /);
  }, 70_000);
});

describe('a malformed value', () => {
  it.each([
    ['local/cli/report.ts', ['--year', 'abc'], 'error: --year: a calendar year, e.g. 2025'],
    [
      'local/cli/report.ts',
      ['--year', '2025', '--data-dir', 'x', '--endpoint', 'http://localhost:8000'],
      'error: --endpoint: not with --data-dir: one store at a time',
    ],
    ['bench/run.ts', ['--requests', 'abc'], 'error: --requests: abc is not a positive whole number'],
  ])(
    '%s %j is refused before anything starts: %s',
    (file, args, reason) => {
      const answer = run(file, args);

      expect(answer).toMatchObject({ code: 2, stdout: '' });
      expect(answer.stderr.split('\n')[0]).toBe(reason);
    },
    70_000,
  );
});
