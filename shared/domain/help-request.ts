import type { Counts, CreateHelpRequestBody, HelpRequest } from '../schemas/help-request';
import type { Volunteer } from '../schemas/volunteer';

export const emptyCounts = (): Counts => ({ alerted: 0, accepted: 0, declined: 0, checkedIn: 0 });

export const newHelpRequest = (input: {
  id: string;
  body: CreateHelpRequestBody;
  municipalityName: string;
  requestedBy: string;
  now: string;
}): HelpRequest => ({
  ...input.body,
  id: input.id,
  municipalityName: input.municipalityName,
  status: 'requested',
  scope: [input.body.municipality],
  requestedBy: input.requestedBy,
  createdAt: input.now,
  counts: emptyCounts(),
});

/** Active corps members of the scope who have not been alerted for this request yet. */
export const selectCandidates = (volunteers: Volunteer[], alreadyAlerted: ReadonlySet<string>): Volunteer[] =>
  volunteers.filter((v) => v.status === 'active' && !alreadyAlerted.has(v.id));
