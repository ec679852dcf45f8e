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

/** The volunteers' alerts, split by whether their request is still open (an answer can only go to those). */
export const alertsByRequestState = async (
  ports: OpenAlertPorts,
  volunteerIds: readonly string[],
): Promise<{ open: Alert[]; closed: Alert[] }> => {
  const alerts = await alertsOf(ports, volunteerIds);
  if (alerts.length === 0) return { open: [], closed: [] };
  const open = await ports.helpRequests.openIds(alerts.map((a) => a.requestId));
  return {
    open: alerts.filter((a) => open.has(a.requestId)),
    closed: alerts.filter((a) => !open.has(a.requestId)),
  };
};

/** Per volunteer, the reply codes their open alerts of other requests hold: a new alert must not reuse one. */
export const takenReplyCodes = async (
  ports: OpenAlertPorts,
  requestId: string,
  volunteerIds: readonly string[],
): Promise<Map<string, Set<string>>> => {
  const others = (await alertsOf(ports, volunteerIds)).filter((a) => a.requestId !== requestId);
  const taken = new Map<string, Set<string>>();
  if (others.length === 0) return taken;
  const open = await ports.helpRequests.openIds(others.map((a) => a.requestId));
  for (const alert of others.filter((a) => open.has(a.requestId))) {
    taken.set(alert.volunteerId, (taken.get(alert.volunteerId) ?? new Set()).add(alert.code));
  }
  return taken;
};
