/** What an administrator assigns a person: the municipality of a municipal role, the volunteer record of a member. */
export interface UserAssignment {
  municipality?: string | undefined;
  volunteerId?: string | undefined;
}

/**
 * The marker an administrator's call sets together with the assignment (`44021/`, `/01J…`, `44021/01J…`). No app
 * client may write a `custom:` attribute; the marker makes a value that reached the account another way (a
 * client later allowed to write one of them) stand out, so no token carries it.
 */
export const assignmentMarker = ({ municipality, volunteerId }: UserAssignment): string =>
  `${municipality ?? ''}/${volunteerId ?? ''}`;

/** Whether the account's municipality and volunteer id are the ones an administrator assigned. */
export const isAssignedByAdministrator = (assignment: UserAssignment, marker: string | undefined): boolean =>
  (!assignment.municipality && !assignment.volunteerId) || marker === assignmentMarker(assignment);
