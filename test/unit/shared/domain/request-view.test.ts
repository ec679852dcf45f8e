import { describe, expect, it } from 'vitest';
import { viewForRole } from '../../../../shared/domain/request-view';
import type { HelpRequestView } from '../../../../shared/schemas/help-request';
import { aHelpRequest } from '../../../builders/help-request-record';
import { anIdentity } from '../../../builders/identity';

const GENT = '44021';
const ANTWERPEN = '11002';
const GENT_MEMBER = '01JZ0000000000000000000001';
const ANTWERP_MEMBER = '01JZ0000000000000000000002';
const STRANGER = '01JZ0000000000000000000003';
const CORPS: Record<string, string> = { [GENT_MEMBER]: GENT, [ANTWERP_MEMBER]: ANTWERPEN };
const GENT_PHONE = '+32470000001';
const ANTWERP_PHONE = '+32470000002';

/** A Gent request widened to Antwerpen, with one unreachable member of each corps. */
const widenedView = (): HelpRequestView => {
  const request = aHelpRequest({ id: '01JZ00000000000000000000RQ', scope: [GENT, ANTWERPEN] });
  return {
    ...request,
    counts: { ...request.counts, released: 0, unanswered: 2 },
    timeline: [
      { at: '2026-03-01T10:00:00.000Z', type: 'requested', channel: 'api' },
      { at: '2026-03-01T10:05:00.000Z', type: 'alert-accepted', volunteerId: GENT_MEMBER, task: 'logistics' },
      { at: '2026-03-01T10:06:00.000Z', type: 'alert-declined', volunteerId: ANTWERP_MEMBER },
      { at: '2026-03-01T10:07:00.000Z', type: 'checked-in', volunteerId: STRANGER, by: 'coordinator-1' },
    ],
    unreachable: {
      count: 2,
      volunteers: [
        {
          volunteerId: GENT_MEMBER,
          name: 'An Gent',
          phone: GENT_PHONE,
          municipality: GENT,
          failedAt: 'x',
          reason: 'off',
        },
        {
          volunteerId: ANTWERP_MEMBER,
          name: 'Bo Antwerpen',
          phone: ANTWERP_PHONE,
          municipality: ANTWERPEN,
          failedAt: 'x',
          reason: 'off',
        },
      ],
    },
  };
};
const viewAs = (who: ReturnType<typeof anIdentity>) =>
  viewForRole(who, widenedView(), (volunteerId) => CORPS[volunteerId]);

describe('viewForRole', () => {
  it.each([
    ['requester', anIdentity(['requester'], GENT)],
    ['municipal-admin', anIdentity(['municipal-admin'], GENT)],
  ])("lists only Gent's own unreachable members for a Gent %s and counts the others", (_, who) => {
    const view = viewAs(who);
    expect(view.unreachable).toEqual({
      count: 2,
      volunteers: [expect.objectContaining({ volunteerId: GENT_MEMBER, name: 'An Gent' })],
      otherMunicipalities: 1,
    });
    expect(JSON.stringify(view)).not.toContain('Bo Antwerpen');
  });

  it("strips the ids of other corps' volunteers, and of volunteers of unknown corps, from a municipality's timeline", () => {
    const view = viewAs(anIdentity(['requester'], GENT));
    expect(view.timeline).toEqual([
      { at: '2026-03-01T10:00:00.000Z', type: 'requested', channel: 'api' },
      { at: '2026-03-01T10:05:00.000Z', type: 'alert-accepted', volunteerId: GENT_MEMBER, task: 'logistics' },
      { at: '2026-03-01T10:06:00.000Z', type: 'alert-declined' },
      { at: '2026-03-01T10:07:00.000Z', type: 'checked-in', by: 'coordinator-1' },
    ]);
  });

  it.each([
    ['requester', anIdentity(['requester'], GENT)],
    ['municipal-admin', anIdentity(['municipal-admin'], GENT)],
  ])('gives a Gent %s no phone number, not even of their own corps', (_, who) => {
    const view = viewAs(who);
    expect(view.unreachable.volunteers[0]).not.toHaveProperty('phone');
    expect(JSON.stringify(view)).not.toMatch(/\+32/);
  });

  it('leaves the coordinator every name, id and phone: they call the volunteers the SMS did not reach', () => {
    expect(viewAs(anIdentity(['coordinator']))).toEqual(widenedView());
  });

  it('leaves the crisis centre every name and id, but no phone number', () => {
    const { unreachable, ...rest } = widenedView();
    const view = viewAs(anIdentity(['crisis-centre']));
    expect(view).toEqual({
      ...rest,
      unreachable: { count: 2, volunteers: unreachable.volunteers.map(({ phone: _, ...v }) => v) },
    });
    expect(JSON.stringify(view)).not.toMatch(/\+32/);
  });

  it('adds no count of other corps when every unreachable volunteer is the municipality’s own', () => {
    const own = widenedView();
    own.unreachable = { count: 1, volunteers: [own.unreachable.volunteers[0]!] };
    expect(viewForRole(anIdentity(['requester'], GENT), own, (v) => CORPS[v]).unreachable).toEqual({
      count: 1,
      volunteers: [expect.objectContaining({ volunteerId: GENT_MEMBER })],
    });
  });
});
