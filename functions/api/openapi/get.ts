// The document `npm run openapi` generated from the routes and schemas (a unit test fails when it is stale): built
// here, it would bundle every schema and the generator into this function and generate at every cold start.
import document from '../../../docs/openapi.json';
import { apiHandler } from '../../../shared/http/api-handler';

export const makeHandler = () =>
  apiHandler({ public: true }, async () => ({ statusCode: 200, body: document }));

export const handler = makeHandler();
