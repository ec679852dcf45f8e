import { apiHandler } from '../../../shared/http/api-handler';
import { openApiDocument } from '../../../shared/http/openapi';

export const makeHandler = () =>
  apiHandler({ public: true }, async () => ({ statusCode: 200, body: openApiDocument() }));

export const handler = makeHandler();
