import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { components } from '../api/schema';

export type HelpRequestView = components['schemas']['HelpRequestView'];

/** How often the console asks again: the "within 5 s", with room for the answer. */
export const POLL_MS = 3000;

/**
 * One help request kept fresh without a reload: asked again every POLL_MS with the last ETag, so an unchanged request
 * costs a 304 and no body. `updatedAt` is the last answer that came through; the page says when it is stale.
 */
export const useLiveHelpRequest = (client: ApiClient, id: string) => {
  const [view, setView] = useState<HelpRequestView>();
  const [updatedAt, setUpdatedAt] = useState<Date>();
  const [failed, setFailed] = useState<number>();
  const etag = useRef<string | undefined>(undefined);
  const refresh = useCallback(async () => {
    try {
      const { data, response } = await client.GET('/help-requests/{id}', {
        params: { path: { id } },
        headers: etag.current ? { 'if-none-match': etag.current } : {},
        cache: 'no-store',
      });
      if (!data && response.status !== 304) return setFailed(response.status);
      if (data) {
        setView(data);
        etag.current = response.headers.get('etag') ?? undefined;
      }
      setUpdatedAt(new Date());
      setFailed(undefined);
    } catch {
      setFailed(0);
    }
  }, [client, id]);
  useEffect(() => {
    void refresh();
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  return { view, updatedAt, failed, refresh };
};
