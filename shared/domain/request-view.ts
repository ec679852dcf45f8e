import type { HelpRequestView, TimelineEntry } from '../schemas/help-request';
import { seesAllMunicipalities, seesUnreachablePhones } from './access';
import type { Identity } from './identity';

/** How much of each of a request's lists its view carries; the rest is a page away. */
export const TIMELINE_PAGE = 100;
export const RESPONSES_PAGE = 50;
export const UNREACHABLE_PAGE = 100;

/**
 * What a caller may see of a help request's people. The coordination (coordinator, crisis centre) sees everyone;
 * a municipality's officials see names and ids of their own corps only, and counts for the corps a widening
 * brought in: a municipality never sees another municipality's members. Phone numbers are the coordinator's alone.
 */
export const viewForRole = (
  who: Identity,
  view: HelpRequestView,
  municipalityOf: (volunteerId: string) => string | undefined,
  /** How many unreachable volunteers are the caller's own corps, when the view lists only a page of them. */
  ownUnreachable?: number,
): HelpRequestView => {
  const unreachable = seesUnreachablePhones(who)
    ? view.unreachable.volunteers
    : view.unreachable.volunteers.map(({ phone: _, ...volunteer }) => volunteer);
  if (seesAllMunicipalities(who))
    return { ...view, unreachable: { ...view.unreachable, volunteers: unreachable } };
  const shown = unreachable.filter((v) => v.municipality === who.municipality);
  const withheld = view.unreachable.count - (ownUnreachable ?? shown.length);
  const { otherMunicipalities: _, ...listed } = view.unreachable;
  return {
    ...view,
    timeline: timelineForRole(who, view.timeline, municipalityOf),
    unreachable: { ...listed, volunteers: shown, ...(withheld > 0 ? { otherMunicipalities: withheld } : {}) },
  };
};

/** A timeline as a municipal role sees it: the ids of other corps' volunteers (and of unknown ones) left out. */
export const timelineForRole = (
  who: Identity,
  timeline: TimelineEntry[],
  municipalityOf: (volunteerId: string) => string | undefined,
): TimelineEntry[] =>
  seesAllMunicipalities(who)
    ? timeline
    : timeline.map(({ volunteerId, ...entry }) =>
        typeof volunteerId === 'string' && municipalityOf(volunteerId) === who.municipality
          ? { ...entry, volunteerId }
          : entry,
      );
