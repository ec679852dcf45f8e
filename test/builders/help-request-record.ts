import { ulid } from 'ulid';
import { newHelpRequest } from '../../shared/domain/help-request';
import type { HelpRequest } from '../../shared/schemas/help-request';
import { aCreateHelpRequestBody } from './help-request';

/**
 * A freshly launched help request for Gent (status 'requested', all counts 0), as the launch service builds it; its
 * per-task counts follow the `needs` given.
 */
export const aHelpRequest = (overrides: Partial<HelpRequest> = {}): HelpRequest => ({
  ...newHelpRequest({
    id: ulid(),
    body: aCreateHelpRequestBody(overrides.needs ? { needs: overrides.needs } : {}),
    municipalityName: 'Gent',
    requestedBy: 'gent-official',
    now: '2026-03-01T10:00:00.000Z',
  }),
  ...overrides,
});
