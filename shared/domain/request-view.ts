import type { HelpRequestView } from '../schemas/help-request';
import { hasRole, type Identity } from './identity';

/**
 * What a caller may see of a help request's people. The coordination (coordinator, crisis centre) sees everyone;
 * a municipality's officials see names and ids of their own corps only, and counts for the corps a widening
 * brought in: a municipality never sees another municipality's members.
 */
export const viewForRole = (
  who: Identity,
  view: HelpRequestView,
  municipalityOf: (volunteerId: string) => string | undefined,
): HelpRequestView => {
  if (hasRole(who, 'coordinator', 'crisis-centre')) return view;
  const own = (volunteerId: string) => municipalityOf(volunteerId) === who.municipality;
  const shown = view.unreachable.volunteers.filter((v) => own(v.volunteerId));
  const withheld = view.unreachable.volunteers.length - shown.length;
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
