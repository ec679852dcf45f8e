import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SHARED = fileURLToPath(new URL('../../../../shared/', import.meta.url));
/** The one module per table that holds its key prefixes and builders. */
const KEY_MODULES = path.join(SHARED, 'store', 'keys');
/** A string or template literal that opens with a key prefix such as 'ALERT#' or `REQ#${id}`. */
const KEY_PREFIX_LITERAL = /(['"`])[A-Z][A-Z0-9_-]*#/g;

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === KEY_MODULES ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });

describe('the key layout of the tables', () => {
  it('keeps every key prefix literal in the key modules, none in repositories or services', () => {
    const strays = sourceFiles(SHARED).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          [...line.matchAll(KEY_PREFIX_LITERAL)].map(
            (match) => `${path.relative(SHARED, file)}:${i + 1} ${match[0].slice(1)}`,
          ),
        ),
    );
    expect(strays).toEqual([]);
  });

  it('recognises a key prefix literal when it sees one', () => {
    expect("':alert': 'ALERT#'".match(KEY_PREFIX_LITERAL)).toEqual(["'ALERT#"]);
    expect('pk: `REQ#` + id'.match(KEY_PREFIX_LITERAL)).toEqual(['`REQ#']);
    expect('names: `#` + name'.match(KEY_PREFIX_LITERAL)).toBeNull();
  });
});
