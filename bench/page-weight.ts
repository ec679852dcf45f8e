import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { WEB_DIST } from '../local/runtime/web-pages';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The assets a page loads before it can show anything: its scripts, preloads and styles, and their static imports (and
 * re-exports: a lazy chunk's facade names the chunk that holds the code).
 */
const REFERENCED = /(?:src|href)="\/(assets\/[^"]+)"/g;
const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([^"']+)["']/g;
/** What a script fetches later, when the code reaches it (a page opened, a button pressed). */
const DYNAMIC_IMPORT = /import\(\s*[`"']\.\/([^`"']+)[`"']\s*\)/g;

export interface FileWeight {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface ChunkWeight {
  /** The chunk a dynamic import names. */
  chunk: string;
  /** It and the files it needs that the first load did not bring. */
  files: FileWeight[];
  bytes: number;
  gzipBytes: number;
}

export interface PageWeight {
  page: string;
  /** What the page loads at once: nothing shows before these arrive. */
  files: FileWeight[];
  bytes: number;
  gzipBytes: number;
  /** Loaded on demand afterwards, each on top of the first load. */
  lazy: ChunkWeight[];
}

const totals = (files: FileWeight[]) => ({
  bytes: files.reduce((sum, f) => sum + f.bytes, 0),
  gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
});

/** What one built page costs a phone on a slow connection: every file it needs at once, then each lazy chunk. */
export const measurePageWeight = (distDir: string, page: string): PageWeight => {
  const read = (file: string) => readFileSync(path.join(distDir, file));
  const importsOf = (file: string, pattern: RegExp) =>
    file.endsWith('.js')
      ? [...read(file).toString('utf8').matchAll(pattern)].map((m) =>
          path.posix.join(path.posix.dirname(file), m[1]!),
        )
      : [];
  /** The files from `start` through static imports, leaving out those already loaded. */
  const closure = (start: string[], loaded: ReadonlySet<string>) => {
    const needed = new Set<string>();
    const queue = [...start];
    while (queue.length) {
      const file = queue.shift()!;
      if (needed.has(file) || loaded.has(file)) continue;
      needed.add(file);
      queue.push(...importsOf(file, STATIC_IMPORT));
    }
    return needed;
  };
  const weigh = (files: Iterable<string>): FileWeight[] =>
    [...files].map((file) => {
      const content = read(file);
      return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
    });

  const first = closure(
    [page, ...[...read(page).toString('utf8').matchAll(REFERENCED)].map((m) => m[1]!)],
    new Set(),
  );
  const lazy: ChunkWeight[] = [];
  const seen = new Set(first);
  const queue = [...first].flatMap((file) => importsOf(file, DYNAMIC_IMPORT));
  while (queue.length) {
    const chunk = queue.shift()!;
    if (seen.has(chunk)) continue;
    seen.add(chunk);
    const files = weigh(closure([chunk], first));
    lazy.push({ chunk, files, ...totals(files) });
    queue.push(...files.flatMap(({ file }) => importsOf(file, DYNAMIC_IMPORT)));
  }
  const files = weigh(first);
  return { page, files, ...totals(files), lazy };
};

/** Builds the pages as the web stack ships them, then weighs the citizen's page and the console. */
export const measureBuiltPages = (): PageWeight[] => {
  const built = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`npm run build:web failed (exit ${built.status})`);
  return ['r.html', 'index.html'].map((page) => measurePageWeight(WEB_DIST, page));
};
