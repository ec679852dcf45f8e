import { useState } from 'preact/hooks';
import type { Identity } from '../../../../shared/domain/identity';
import type { ApiClient } from '../../api/client';
import type { Locale } from '../../i18n/locale';
import { RowButton } from '../../ui/row-button';
import { reasonOf } from '../api';
import { isCoordination } from '../auth/identity';
import { clockOf, minutesBetween, municipalityName, timeOf } from '../format';
import { type HelpRequestView, POLL_MS, useLiveHelpRequest } from '../live';
import type { ConsoleMessages } from '../messages';
import { useMorePages, withMore } from '../more-pages';
import { RequestActions } from './request-actions';

/** A screen older than this many polls says it is stale rather than lying. */
const STALE_AFTER_MS = POLL_MS * 3;

const TaskCounts = ({ view, m }: { view: HelpRequestView; m: ConsoleMessages }) => (
  <table class="counts">
    <caption>{m.perTask}</caption>
    <thead>
      <tr>
        <th scope="col">{m.task}</th>
        <th scope="col">{m.accepted}</th>
        <th scope="col">{m.needed}</th>
      </tr>
    </thead>
    <tbody>
      {view.needs.map(({ task }) => {
        const count = view.counts.byTask?.[task] ?? { needed: 0, accepted: 0 };
        return (
          <tr key={task} data-task={task}>
            <th scope="row">{m.tasks[task]}</th>
            <td data-count="accepted">
              <progress max={count.needed} value={count.accepted} aria-label={m.tasks[task]} />{' '}
              {count.accepted}
            </td>
            <td>{count.needed}</td>
          </tr>
        );
      })}
    </tbody>
  </table>
);

const Totals = ({ view, m }: { view: HelpRequestView; m: ConsoleMessages }) => {
  const { counts } = view;
  const shown: [string, number][] = [
    [m.alerted, counts.alerted],
    [m.accepted, counts.accepted],
    [m.reserve, counts.reserve ?? 0],
    [m.declined, counts.declined],
    [m.unanswered, counts.unanswered],
    [m.onSite, counts.checkedIn],
  ];
  return (
    <dl class="totals">
      {shown.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
};

type Responder = NonNullable<HelpRequestView['responses']>[number];

/** Where a responder stands: on site since their arrival, or gone since they left; nothing before a first check-in. */
const onSiteState = (r: Responder, m: ConsoleMessages, locale: Locale) =>
  r.onSiteSince
    ? m.onSiteSince(clockOf(r.onSiteSince, locale))
    : r.checkedOutAt && m.leftAt(clockOf(r.checkedOutAt, locale));

/**
 * Who answered, latest first, with their note, how long they took and who is on site; the coordinator checks them
 * in and out. A row offers the one move that applies, in the same place, so the focus stays on it after the move.
 */
const Responders = ({
  client,
  view,
  m,
  locale,
  canCheckIn,
  onChanged,
}: {
  client: ApiClient;
  view: HelpRequestView;
  m: ConsoleMessages;
  locale: Locale;
  canCheckIn: boolean;
  onChanged: () => void;
}) => {
  const [rowOutcome, setRowOutcome] = useState<Record<string, string>>({});
  const more = useMorePages(view.responsesNext, async (cursor) => {
    const { data } = await client.GET('/help-requests/{id}/responses', {
      params: { path: { id: view.id }, query: { cursor } },
    });
    return { items: data?.responses ?? [], ...(data?.next ? { next: data.next } : {}) };
  });
  const responses = withMore(view.responses ?? [], more.items, (r) => r.volunteerId);
  const move = async (volunteerId: string, way: 'check-ins' | 'check-outs') => {
    const path = way === 'check-ins' ? '/help-requests/{id}/check-ins' : '/help-requests/{id}/check-outs';
    const { error, response } = await client.POST(path, {
      params: { path: { id: view.id } },
      body: { volunteerId },
    });
    setRowOutcome((current) => ({
      ...current,
      [volunteerId]: response.ok
        ? way === 'check-ins'
          ? m.checkedIn
          : m.checkedOut
        : m.refused(reasonOf(error, response)),
    }));
    onChanged();
  };
  const open = view.status !== 'closed';
  if (!responses.length) return <p>{m.noAnswersYet}</p>;
  return (
    <table class="responders" aria-labelledby="answers-title">
      <thead>
        <tr>
          <th scope="col">{m.name}</th>
          <th scope="col">{m.corps}</th>
          <th scope="col">{m.answer}</th>
          <th scope="col">{m.replyTime}</th>
          <th scope="col">{m.note}</th>
          <th scope="col">{m.onSite}</th>
        </tr>
      </thead>
      <tbody>
        {responses.map((r) => (
          <tr key={r.volunteerId}>
            <th scope="row">{r.name}</th>
            <td>{r.spontaneous ? m.spontaneous : municipalityName(r.municipality, locale)}</td>
            <td>
              {m.answers_[r.answer]}
              {r.task && ` · ${m.tasks[r.task]}`}
            </td>
            <td>
              {timeOf(r.at, locale)} ({m.afterMinutes(minutesBetween(view.createdAt, r.at))})
            </td>
            <td>{r.note}</td>
            <td>
              {onSiteState(r, m, locale)}
              {canCheckIn && open && (r.onSiteSince || r.answer !== 'declined') && (
                <span class="row-actions">
                  {r.onSiteSince ? (
                    <RowButton
                      action={m.checkOut}
                      row={r.name}
                      kind="secondary"
                      onClick={() => move(r.volunteerId, 'check-outs')}
                    />
                  ) : (
                    <RowButton
                      action={m.checkIn}
                      row={r.name}
                      onClick={() => move(r.volunteerId, 'check-ins')}
                    />
                  )}
                </span>
              )}
              {canCheckIn && <span role="status">{rowOutcome[r.volunteerId]}</span>}
            </td>
          </tr>
        ))}
      </tbody>
      {more.next && (
        <tfoot>
          <tr>
            <td colSpan={6}>
              <MoreButton m={m} onClick={more.load} />
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
};

const MoreButton = ({ m, onClick }: { m: ConsoleMessages; onClick: () => void }) => (
  <button type="button" class="secondary" onClick={onClick}>
    {m.showMore}
  </button>
);

/** What a section that pages through one of the request's lists needs. */
type ListProps = { client: ApiClient; view: HelpRequestView; m: ConsoleMessages; locale: Locale };

const Unreachable = ({ client, view, m, locale }: ListProps) => {
  const more = useMorePages(view.unreachable.next, async (cursor) => {
    const { data } = await client.GET('/help-requests/{id}/unreachable', {
      params: { path: { id: view.id }, query: { cursor } },
    });
    return { items: data?.volunteers ?? [], ...(data?.next ? { next: data.next } : {}) };
  });
  if (view.unreachable.count === 0) return null;
  return (
    <section aria-labelledby="unreachable-title">
      <h2 id="unreachable-title">{m.unreachable(view.unreachable.count)}</h2>
      <ul>
        {withMore(view.unreachable.volunteers, more.items, (v) => v.volunteerId).map((v) => (
          <li key={v.volunteerId}>
            {v.name ?? m.erased} · {municipalityName(v.municipality, locale)} · {timeOf(v.failedAt, locale)} ·{' '}
            {v.reason}
            {/* The API gives the phone to the coordinator alone, who calls them. */}
            {v.phone && (
              <>
                {' · '}
                <a href={`tel:${v.phone}`}>{v.phone}</a>
              </>
            )}
          </li>
        ))}
      </ul>
      {more.next && <MoreButton m={m} onClick={more.load} />}
    </section>
  );
};

/**
 * Each activation by hand and how far it got: the corps done of all it adds (a progress bar), those that failed,
 * the volunteers alerted so far. A Flanders-wide activation takes minutes: the crisis centre follows it here.
 */
const Activations = ({ view, m, locale }: { view: HelpRequestView; m: ConsoleMessages; locale: Locale }) =>
  view.activations.length === 0 ? null : (
    <section aria-labelledby="activations-title">
      <h2 id="activations-title">{m.activations.title}</h2>
      <ul class="activations">
        {view.activations.map((a) => (
          <li key={a.id} data-activation={a.id} data-status={a.status}>
            <strong>{m.activations.scopes[a.scope]}</strong> · {m.activations.statuses[a.status]} ·{' '}
            <time dateTime={a.startedAt}>{timeOf(a.startedAt, locale)}</time>
            <br />
            <progress
              max={a.municipalities.total}
              value={a.municipalities.done}
              aria-label={m.activations.title}
            />{' '}
            {m.activations.progress(a.municipalities.done, a.municipalities.total, a.alerted)}
            {a.municipalities.failed.length > 0 && (
              <p class="banner">
                {m.activations.failed(
                  a.municipalities.failed.map((nis) => municipalityName(nis, locale)).join(', '),
                )}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );

const Timeline = ({ client, view, m, locale }: ListProps) => {
  // Earlier entries load below the latest ones the view carries (the list reads latest first).
  const earlier = useMorePages(view.timelineEarlier, async (cursor) => {
    const { data } = await client.GET('/help-requests/{id}/timeline', {
      params: { path: { id: view.id }, query: { cursor } },
    });
    return { items: [...(data?.entries ?? [])].reverse(), ...(data?.earlier ? { next: data.earlier } : {}) };
  });
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{m.timeline}</h2>
      <ol class="timeline">
        {[...[...view.timeline].reverse(), ...earlier.items].map((entry, i) => (
          <li key={`${entry.at}-${i}`}>
            <time dateTime={entry.at}>{timeOf(entry.at, locale)}</time> {m.events[entry.type] ?? entry.type}
          </li>
        ))}
      </ol>
      {earlier.next && <MoreButton m={m} onClick={earlier.load} />}
    </section>
  );
};

/** One request, live: what is needed and who answered, refreshed every few seconds without a reload. */
export const RequestPage = ({
  client,
  id,
  identity,
  m,
  locale,
}: {
  client: ApiClient;
  id: string;
  identity: Identity;
  m: ConsoleMessages;
  locale: Locale;
}) => {
  const { view, updatedAt, failed, refresh } = useLiveHelpRequest(client, id);
  const stale = !updatedAt || Date.now() - updatedAt.getTime() > STALE_AFTER_MS;
  if (!view)
    return failed === 404 || failed === 403 ? (
      <p role="alert">{m.requestNotFound}</p>
    ) : (
      <p aria-busy="true">{m.loading}</p>
    );
  const coordinator = identity.roles.includes('coordinator');
  return (
    <article class="request">
      <h1>{view.title}</h1>
      <p class="meta">
        {municipalityName(view.municipality, locale)} · {m.statuses[view.status]} ·{' '}
        {m.launchedAt(timeOf(view.createdAt, locale))}
        {view.acknowledgedAt && ` · ${m.acknowledgedAt(timeOf(view.acknowledgedAt, locale))}`}
      </p>
      <p class={failed !== undefined && stale ? 'banner' : 'hint'} data-updated={updatedAt?.toISOString()}>
        {updatedAt ? m.lastUpdated(timeOf(updatedAt.toISOString(), locale)) : m.loading}
        {failed !== undefined && stale && ` · ${m.stale}`}
      </p>
      <TaskCounts view={view} m={m} />
      <Totals view={view} m={m} />
      {isCoordination(identity) && (
        <RequestActions
          client={client}
          view={view}
          identity={identity}
          m={m}
          locale={locale}
          onChanged={refresh}
        />
      )}
      {isCoordination(identity) && (
        <section aria-labelledby="answers-title">
          <h2 id="answers-title">{m.answers}</h2>
          <Responders
            client={client}
            view={view}
            m={m}
            locale={locale}
            canCheckIn={coordinator}
            onChanged={refresh}
          />
        </section>
      )}
      <Activations view={view} m={m} locale={locale} />
      <Unreachable client={client} view={view} m={m} locale={locale} />
      <Timeline client={client} view={view} m={m} locale={locale} />
    </article>
  );
};
