/** A small JSON client for the local API: what the demo and the black-box tests call it with. */
export const apiClient =
  (baseUrl: string) =>
  async (
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      ...(options.body === undefined
        ? {}
        : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    // A CSV or SVG answer comes back as text.
    const parsed = text && contentType.includes('json') ? JSON.parse(text) : text || undefined;
    // biome-ignore lint/suspicious/noExplicitAny: callers read the fields they asked for.
    return { status: response.status, body: parsed as any };
  };

export type ApiCall = ReturnType<typeof apiClient>;

/** Awaits a scripted call that must answer `status` and answers its body; throws with the body otherwise. */
export const expectStatus = async (status: number, response: ReturnType<ApiCall>) => {
  const { status: actual, body } = await response;
  if (actual !== status) throw new Error(`expected ${status}, got ${actual}: ${JSON.stringify(body)}`);
  return body;
};
