import { useEffect, useState } from 'preact/hooks';
import type { Identity } from '../../../../shared/domain/identity';
import type { ApiClient } from '../../api/client';
import type { components } from '../../api/schema';
import type { Locale } from '../../i18n/locale';
import { isCoordination } from '../auth/identity';
import { minutesBetween, municipalityName } from '../format';
import { POLL_MS } from '../live';
import type { ConsoleMessages } from '../messages';
import { navigate, pathOf } from '../router';

type HelpRequest = components['schemas']['HelpRequest'];

/** Unacknowledged requests first (they need the coordinator now), then the newest. */
const byUrgency = (a: HelpRequest, b: HelpRequest) =>
  Number(Boolean(a.acknowledgedAt)) - Number(Boolean(b.acknowledgedAt)) ||
  b.createdAt.localeCompare(a.createdAt);

/**
 * The open requests: across Flanders for the coordinator and the crisis centre, the municipality's own for its
 * officials; kept fresh like a request's page, page after page as the API hands them out.
 */
export const RequestsPage = ({
  client,
  identity,
  m,
  locale,
}: {
  client: ApiClient;
  identity: Identity;
  m: ConsoleMessages;
  locale: Locale;
}) => {
  const [requests, setRequests] = useState<HelpRequest[]>();
  const [failed, setFailed] = useState(false);
  const [now, setNow] = useState(new Date());
  const everywhere = isCoordination(identity);

  useEffect(() => {
    const load = async () => {
      const found: HelpRequest[] = [];
      let cursor: string | undefined;
      do {
        const { data } = await client.GET('/help-requests', {
          params: {
            query: {
              ...(everywhere ? {} : { municipality: identity.municipality! }),
              status: 'open',
              limit: 100,
              ...(cursor ? { cursor } : {}),
            },
          },
        });
        if (!data) return setFailed(true);
        found.push(...data.helpRequests);
        cursor = data.next;
      } while (cursor);
      setRequests(found.sort(byUrgency));
      setFailed(false);
      setNow(new Date());
    };
    void load();
    const timer = setInterval(load, POLL_MS);
    return () => clearInterval(timer);
  }, [client, everywhere, identity.municipality]);

  return (
    <section aria-labelledby="requests-title">
      <h1 id="requests-title">{everywhere ? m.openRequestsFlanders : m.openRequests}</h1>
      {identity.roles.some((r) => r === 'coordinator' || r === 'requester') && (
        <button type="button" class="button" onClick={() => navigate(pathOf.newRequest())}>
          {identity.roles.includes('coordinator') ? m.newRequestByPhone : m.newRequest}
        </button>
      )}
      {failed && (
        <p role="alert" class="banner">
          {m.stale}
        </p>
      )}
      {!requests ? (
        <p aria-busy="true">{m.loading}</p>
      ) : requests.length === 0 ? (
        <p>{m.noOpenRequests}</p>
      ) : (
        <table class="requests reflow">
          <caption>{m.openCount(requests.length)}</caption>
          <thead>
            <tr>
              <th scope="col">{m.requestTitle}</th>
              <th scope="col">{m.municipality}</th>
              <th scope="col">{m.age}</th>
              <th scope="col">{m.accepted}</th>
              <th scope="col">{m.state}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id} class={r.acknowledgedAt ? undefined : 'needs-attention'}>
                <th scope="row">
                  <a
                    href={pathOf.request(r.id)}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(pathOf.request(r.id));
                    }}
                  >
                    {r.title}
                  </a>
                </th>
                <td data-label={m.municipality}>{municipalityName(r.municipality, locale)}</td>
                <td data-label={m.age}>{m.minutes(minutesBetween(r.createdAt, now))}</td>
                <td data-label={m.accepted}>
                  {r.counts.accepted} / {r.needs.reduce((sum, n) => sum + n.volunteers, 0)}
                </td>
                <td data-label={m.state}>{r.acknowledgedAt ? m.statuses[r.status] : m.unacknowledged}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};
