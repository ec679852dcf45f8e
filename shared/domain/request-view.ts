import type { HelpRequestView } from '../schemas/help-request';
import { seesUnreachablePhones } from './access';
import { hasRole, type Identity } from './identity';

/**
 * What a caller may see of a help request's people. The coordination (coordinator, crisis centre) sees everyone;
 * a municipality's officials see names and ids of their own corps only, and counts for the corps a widening
 * brought in: a municipality never sees another municipality's members. Phone numbers are the coordinator's alone.
 */
export const viewForRole = (
  who: Identity,
  view: HelpRequestView,
  municipalityOf: (volunteerId: string) => string | undefined,
): HelpRequestView => {
  const unreachable = seesUnreachablePhones(who)
    ? view.unreachable.volunteers
    : view.unreachable.volunteers.map(({ phone: _, ...volunteer }) => volunteer);
  if (hasRole(who, 'coordinator', 'crisis-centre'))
    return { ...view, unreachable: { ...view.unreachable, volunteers: unreachable } };
  const own = (volunteerId: string) => municipalityOf(volunteerId) === who.municipality;
  const shown = unreachable.filter((v) => own(v.volunteerId));
  const withheld = unreachable.length - shown.length;
  return {
    ...view,
    timeline: view.timeline.map(({ volunteerId, ...entry }) =>
      typeof volunteerId === 'string' && own(volunteerId) ? { ...entry, volunteerId } : entry,
    ),
    unreachable: {
      count: view.unreachable.count,
      volunteers: shown,
      ...(withheld ? { otherMunicipalities: withheld } : {}),
    },
  };
};
