import { awsPorts } from '../../../shared/aws-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { BasePorts } from '../../../shared/ports';
import { recordTrainingBodySchema } from '../../../shared/schemas/training';
import { recordTraining } from '../../../shared/services/training';

export const makeHandler = (ports: BasePorts) =>
  apiHandler({ body: recordTrainingBodySchema }, async ({ identity, body, path }) => ({
    statusCode: 201,
    body: await recordTraining(ports, identity, path.id!, body),
  }));

export const handler = makeHandler(awsPorts());
