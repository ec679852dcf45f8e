import { useState } from 'preact/hooks';

/** One page of a list the API hands out a page at a time. */
export interface Page<T> {
  items: T[];
  next?: string;
}

/**
 * The rest of a list whose first page comes with the live view: `load` fetches the page after the last one loaded
 * (the view's `cursor` first) and keeps it, while the view's own page keeps refreshing above it.
 */
export const useMorePages = <T>(
  cursor: string | undefined,
  fetchPage: (cursor: string) => Promise<Page<T>>,
) => {
  const [loaded, setLoaded] = useState<Page<T> & { started: boolean }>({ items: [], started: false });
  const next = loaded.started ? loaded.next : cursor;
  const load = async () => {
    if (!next) return;
    const page = await fetchPage(next);
    setLoaded((current) => ({
      items: [...current.items, ...page.items],
      started: true,
      ...(page.next ? { next: page.next } : {}),
    }));
  };
  return { items: loaded.items, next, load };
};

/** The view's page and the pages loaded after it, each entry once (a refreshed first page may overlap them). */
export const withMore = <T>(first: T[], more: T[], keyOf: (item: T) => string): T[] => {
  const seen = new Set(first.map(keyOf));
  return [...first, ...more.filter((item) => !seen.has(keyOf(item)))];
};
