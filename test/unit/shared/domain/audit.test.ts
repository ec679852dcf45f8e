import { describe, expect, it } from 'vitest';
import { auditRequestAct, SYSTEM_ACTOR } from '../../../../shared/domain/audit';

describe('auditRequestAct', () => {
  it('describes an act on a help request as an action under that request, with its details', () => {
    expect(
      auditRequestAct(SYSTEM_ACTOR, 'checked-out', 'req-1', '2026-03-01T12:00:00.000Z', { reason: 'close' }),
    ).toEqual({
      who: SYSTEM_ACTOR,
      action: 'help-request.checked-out',
      entityType: 'help-request',
      entityId: 'req-1',
      at: '2026-03-01T12:00:00.000Z',
      details: { reason: 'close' },
    });
  });

  it('gives an act without details empty ones', () => {
    expect(auditRequestAct(SYSTEM_ACTOR, 'closed', 'req-1', '2026-03-01T12:00:00.000Z').details).toEqual({});
  });
});
