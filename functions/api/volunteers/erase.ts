import { cognitoPorts } from '../../../shared/accounts/cognito-ports';
import { awsPorts } from '../../../shared/aws-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { BasePorts, Ports } from '../../../shared/ports';
import { eraseVolunteer } from '../../../shared/services/registry';

export const makeHandler = (ports: BasePorts & Pick<Ports, 'accounts'>) =>
  apiHandler({}, async ({ identity, path }) => {
    await eraseVolunteer(ports, identity, path.id!);
    return { statusCode: 204 };
  });

export const handler = makeHandler(awsPorts(cognitoPorts));
