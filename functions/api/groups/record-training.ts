import { awsPorts } from '../../../shared/aws-ports';
import { assertMayManageCorps } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { BasePorts } from '../../../shared/ports';
import { recordTrainingBodySchema } from '../../../shared/schemas/training';
import { recordGroupTraining } from '../../../shared/services/groups';

export const makeHandler = (ports: BasePorts) =>
  apiHandler(
    { body: recordTrainingBodySchema, authorize: assertMayManageCorps },
    async ({ identity, body, path }) => ({
      statusCode: 201,
      body: { records: await recordGroupTraining(ports, identity, path.id!, body) },
    }),
  );

export const handler = makeHandler(awsPorts());
