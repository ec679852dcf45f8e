import { describe, expect, it } from 'vitest';
import type { OutgoingSms } from '../../../../shared/messaging/ports';
import type { Ports } from '../../../../shared/ports';
import { replyOnce } from '../../../../shared/services/reply-once';
import { THROTTLE_RETRIES } from '../../../../shared/services/throttled-send';

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

/** A provider that throttles the first `times` sends, as End User Messaging does while a mass activation sends. */
const portsThrottling = (times: number) => {
  const sent: OutgoingSms[] = [];
  const released: string[] = [];
  let refusals = times;
  const ports = {
    alerts: {
      claimReplyTo: async () => true,
      releaseReplyTo: async (id: string) => {
        released.push(id);
      },
    },
    sms: {
      send: async (sms: OutgoingSms) => {
        if (refusals-- > 0) throw throttled();
        sent.push(sms);
        return { messageId: 'm-1' };
      },
    },
    metrics: { add: () => undefined },
    sleep: async () => undefined,
  } as unknown as Ports;
  return { ports, sent, released };
};

const inbound = { originationNumber: '+32470000001', messageBody: 'JA 1234', inboundMessageId: 'in-1' };

describe('replyOnce', () => {
  it('backs off and sends again when the provider throttles, instead of failing the inbound message', async () => {
    const { ports, sent, released } = portsThrottling(2);
    expect(await replyOnce(ports, inbound, '2026-03-01T10:00:00.000Z', '+32470000001', 'Bedankt')).toBe(true);
    expect(sent).toHaveLength(1);
    expect(released).toEqual([]);
  });

  it('answers from another number of the pool when the one the volunteer texted stays busy', async () => {
    const sent: OutgoingSms[] = [];
    const ports = {
      alerts: { claimReplyTo: async () => true, releaseReplyTo: async () => undefined },
      sms: {
        // The number a mass activation keeps busy throttles; the pool has room on another.
        send: async (sms: OutgoingSms) => {
          if (sms.from === '+32460000001') throw throttled();
          sent.push(sms);
          return { messageId: 'm-2' };
        },
      },
      metrics: { add: () => undefined },
      sleep: async () => undefined,
    } as unknown as Ports;
    const toNumber = { ...inbound, destinationNumber: '+32460000001' };
    expect(await replyOnce(ports, toNumber, '2026-03-01T10:00:00.000Z', '+32470000001', 'Bedankt')).toBe(
      true,
    );
    expect(sent).toEqual([expect.objectContaining({ to: '+32470000001', body: 'Bedankt' })]);
    expect(sent[0]!.from).toBeUndefined();
  });

  it('gives the claim back when the provider keeps throttling, so the redelivered message tries again', async () => {
    const { ports, sent, released } = portsThrottling(THROTTLE_RETRIES + 1);
    await expect(
      replyOnce(ports, inbound, '2026-03-01T10:00:00.000Z', '+32470000001', 'Bedankt'),
    ).rejects.toThrow('Rate exceeded');
    expect(sent).toEqual([]);
    expect(released).toEqual(['in-1']);
  });
});
