import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { WEB_DIST } from '../local/runtime/web-pages';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The assets a page loads before it can show anything: its scripts, preloads and styles, and their static imports. */
const REFERENCED = /(?:src|href)="\/(assets\/[^"]+)"/g;
const STATIC_IMPORT = /(?:^|[;\s}])import\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([^"']+)["']/g;

export interface PageWeight {
  page: string;
  files: { file: string; bytes: number; gzipBytes: number }[];
  bytes: number;
  gzipBytes: number;
}

/** What one built page costs a phone on a slow connection: every file it needs at once, raw and gzipped. */
export const measurePageWeight = (distDir: string, page: string): PageWeight => {
  const needed = new Set<string>([page]);
  const queue = [...readFileSync(path.join(distDir, page), 'utf8').matchAll(REFERENCED)].map((m) => m[1]!);
  while (queue.length) {
    const file = queue.shift()!;
    if (needed.has(file)) continue;
    needed.add(file);
    if (file.endsWith('.js')) {
      const code = readFileSync(path.join(distDir, file), 'utf8');
      for (const [, imported] of code.matchAll(STATIC_IMPORT))
        queue.push(path.posix.join(path.posix.dirname(file), imported!));
    }
  }
  const files = [...needed].map((file) => {
    const content = readFileSync(path.join(distDir, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  return {
    page,
    files,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
  };
};

/** Builds the pages as the web stack ships them, then weighs the citizen's page and the console. */
export const measureBuiltPages = (): PageWeight[] => {
  const built = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`npm run build:web failed (exit ${built.status})`);
  return ['r.html', 'index.html'].map((page) => measurePageWeight(WEB_DIST, page));
};
