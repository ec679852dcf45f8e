import type { WebConfig } from '../../shared/web/web-config';

/**
 * The settings the hosting writes beside the pages. Read without zod: the citizen's page must stay light, and the
 * file is written by this project's own stacks and runtime, which validate it against `webConfigSchema`.
 */
export const loadWebConfig = async (): Promise<WebConfig> => {
  const response = await fetch('/config.json', { cache: 'no-cache' });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  return (await response.json()) as WebConfig;
};
