import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DOCS = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
/** Files the docs name that a command writes and git ignores. */
const GENERATED = new Set(['bench/results/latest.json']);
const SOURCE_FOLDERS = ['shared', 'functions', 'infra', 'local', 'test', 'docs', 'bench', '.ci'];

interface Reference {
  doc: string;
  /** Relative to the repository's root. */
  target: string;
  /** A symbol the doc says the target defines: a link's backticked text, or backticked names after a path. */
  symbols: string[];
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const isSourcePath = (text: string) =>
  SOURCE_FOLDERS.some((folder) => text.startsWith(`${folder}/`)) && /^[\w./-]+$/.test(text);

const referencesIn = (doc: string): Reference[] => {
  const text = readFileSync(path.join(ROOT, doc), 'utf8');
  const references: Reference[] = [];
  for (const [, label = '', href = ''] of text.matchAll(/\[([^\]]*)\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(href) || href.startsWith('#')) continue;
    const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(doc), href.split('#')[0] ?? ''));
    const symbol = label.match(/^`([^`]+)`$/)?.[1];
    references.push({ doc, target, symbols: symbol && IDENTIFIER.test(symbol) ? [symbol] : [] });
  }
  // `path` optionally followed by `symbol`, `symbol`: the names must be in that file.
  for (const [, target = '', names = ''] of text.matchAll(/`([^`\s]+)`((?:[ ,]+`[A-Za-z_$][\w$]*`)*)/g)) {
    if (!isSourcePath(target)) continue;
    const symbols = [...names.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
    references.push({ doc, target: target.replace(/\/$/, ''), symbols });
  }
  return references;
};

const REFERENCES = DOCS.flatMap(referencesIn);

describe('the docs', () => {
  it('exist where the README sends a newcomer: architecture, domain rules, API contract and OpenAPI document', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

    for (const doc of ['docs/architecture.md', 'docs/domain.md', 'docs/api.md', 'docs/openapi.json']) {
      expect(existsSync(path.join(ROOT, doc)), `${doc} is missing`).toBe(true);
      expect(readme, `the README does not link ${doc}`).toContain(`](${doc})`);
    }
  });

  it('name only files and folders that exist in the repository', () => {
    const missing = REFERENCES.filter(
      ({ target }) => !GENERATED.has(target) && !existsSync(path.join(ROOT, target)),
    ).map(({ doc, target }) => `${doc}: ${target}`);

    expect(missing).toEqual([]);
  });

  it('name only symbols that the file they point to defines', () => {
    const absent = REFERENCES.filter(({ target }) => existsSync(path.join(ROOT, target))).flatMap(
      ({ doc, target, symbols }) => {
        const file = path.join(ROOT, target);
        if (!symbols.length || !/\.\w+$/.test(target)) return [];
        const source = readFileSync(file, 'utf8');
        return symbols
          .filter((symbol) => !new RegExp(`\\b${symbol.replace(/\$/g, '\\$')}\\b`).test(source))
          .map((symbol) => `${doc}: ${target} ${symbol}`);
      },
    );

    expect(absent).toEqual([]);
  });

  it('leave the team brief outside the repository unlinked', () => {
    const outside = REFERENCES.filter(({ target }) => target.startsWith('..')).map(
      ({ doc, target }) => `${doc}: ${target}`,
    );

    expect(outside).toEqual([]);
  });
});

describe('docs/api.md', () => {
  it('says who may call every route of the route table', async () => {
    const { ROUTES } = await import('../../../shared/http/routes');
    const api = readFileSync(path.join(ROOT, 'docs/api.md'), 'utf8');

    const unlisted = ROUTES.map(({ method, path }) => `${method} ${path}`).filter(
      (route) => !api.includes(`| \`${route}\` |`),
    );

    expect(unlisted).toEqual([]);
  });
});
