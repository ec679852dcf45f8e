import { describe, expect, it } from 'vitest';
import { MAX_TTL_SECONDS, smsLifetimeSeconds, timeToLive } from '../../../../shared/domain/sms-ttl';
import type { SmsJob } from '../../../../shared/schemas/sms-job';

const TIMING = { ackTimeoutSeconds: 300, responseWindowSeconds: 900, aftercareWindowSeconds: 3600 };
const QUEUED = '2026-03-02T10:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(QUEUED) + seconds * 1000);

describe('the time to live of an SMS', () => {
  it.each<[SmsJob['kind'], number]>([
    ['alert', 900],
    ['coordinator', 300],
    ['stand-down', 12 * 3600],
    ['update', 12 * 3600],
    ['shortfall', 12 * 3600],
    ['claim-status', MAX_TTL_SECONDS],
  ])('gives %s SMS a lifetime of %i seconds', (kind, seconds) => {
    expect(smsLifetimeSeconds(kind, TIMING)).toBe(seconds);
  });

  it('sends an alert with the whole response window when it leaves at once', () => {
    expect(timeToLive('alert', QUEUED, at(0), TIMING)).toBe(900);
  });

  it('gives an alert that waited in the queue only what is left of its response window', () => {
    expect(timeToLive('alert', QUEUED, at(600.5), TIMING)).toBe(300);
  });

  it('expires an alert whose response window passed before it could be sent', () => {
    expect(timeToLive('alert', QUEUED, at(900), TIMING)).toBe('expired');
    expect(timeToLive('alert', QUEUED, at(3600), TIMING)).toBe('expired');
  });

  it("never asks for less than the provider's minimum of 5 seconds, even for a window shorter than that", () => {
    const short = { ...TIMING, responseWindowSeconds: 1 };
    expect(timeToLive('alert', QUEUED, at(0), short)).toBe(5);
    expect(timeToLive('alert', QUEUED, at(3), short)).toBe(5);
    expect(timeToLive('alert', QUEUED, at(5), short)).toBe('expired');
  });

  it("never asks for more than the provider's maximum of 72 hours", () => {
    expect(timeToLive('claim-status', QUEUED, at(0), TIMING)).toBe(MAX_TTL_SECONDS);
  });
});
