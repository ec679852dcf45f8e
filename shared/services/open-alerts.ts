import pMap from 'p-map';
import type { Alert } from '../domain/alert';
import type { Ports } from '../ports';

type OpenAlertPorts = Pick<Ports, 'alerts' | 'helpRequests'>;

/** Volunteers whose alerts are read at once; a mobilisation reads them a round at a time. */
const READ_CONCURRENCY = 25;

const alertsOf = async (ports: OpenAlertPorts, volunteerIds: readonly string[]): Promise<Alert[]> =>
  (
    await pMap(volunteerIds, (id) => ports.alerts.listForVolunteer(id), { concurrency: READ_CONCURRENCY })
  ).flat();

/**
 * The volunteers' alerts, split by whether an answer can still go to them: their request open, and its SMS sent (a
 * dry drill's went to no phone, so they count as closed).
 */
export const alertsByRequestState = async (
  ports: OpenAlertPorts,
  volunteerIds: readonly string[],
): Promise<{ open: Alert[]; closed: Alert[] }> => {
  const alerts = await alertsOf(ports, volunteerIds);
  if (alerts.length === 0) return { open: [], closed: [] };
  const open = await ports.helpRequests.answerableIds(alerts.map((a) => a.requestId));
  return {
    open: alerts.filter((a) => open.has(a.requestId)),
    closed: alerts.filter((a) => !open.has(a.requestId)),
  };
};

/**
 * Per volunteer, the reply codes their alerts of the other open requests hold: a new alert must not reuse one. Read
 * from the few open requests, one batch of keys each, not from every volunteer's alerts.
 */
export const takenReplyCodes = async (
  ports: OpenAlertPorts,
  requestId: string,
  volunteerIds: readonly string[],
): Promise<Map<string, Set<string>>> => {
  const others = (await ports.helpRequests.openRequestIds()).filter((id) => id !== requestId);
  return others.length ? ports.alerts.codesOf(others, volunteerIds) : new Map();
};
