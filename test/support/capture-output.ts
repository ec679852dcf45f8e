import { vi } from 'vitest';

/** Everything written to stdout and stderr while `run` runs (the real logger's and EMF's output), as one string. */
export const captureOutput = async (run: () => unknown): Promise<string> => {
  const chunks: string[] = [];
  const capture = (chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    await run();
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return chunks.join('');
};
