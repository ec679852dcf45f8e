import { apiHandler } from '../../../shared/http/api-handler';

export const makeHandler = () =>
  apiHandler({ public: true }, async () => ({ statusCode: 200, body: { status: 'ok' } }));

export const handler = makeHandler();
