import { awsPorts } from '../../../shared/aws-ports';
import { assertCanManageMunicipalities } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { BasePorts } from '../../../shared/ports';
import { providerIdSchema, putTrainingProviderBodySchema } from '../../../shared/schemas/training';
import { putTrainingProvider } from '../../../shared/services/training';

export const makeHandler = (ports: BasePorts) =>
  apiHandler(
    { body: putTrainingProviderBodySchema, authorize: assertCanManageMunicipalities },
    async ({ identity, body, path }) => ({
      statusCode: 200,
      body: await putTrainingProvider(ports, identity, providerIdSchema.parse(path.id), body),
    }),
  );

export const handler = makeHandler(awsPorts());
