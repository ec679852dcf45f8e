import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logger } from '../../../../shared/observability/logger';
import { maskPhonesIn, REDACTED, redact } from '../../../../shared/observability/redact';
import { anAlert, anAlertJob } from '../../../builders/alert';
import { aVolunteer } from '../../../builders/volunteer';
import { captureLogs } from '../../../support/scan';

const PHONE = '+32470123456';
const NATIONAL_PHONE = '0470 12 34 56';
const NAME = 'An Peeters';
const BIRTH_DATE = '1990-04-12';

describe('the logger', () => {
  let logged: string[];
  beforeEach(() => {
    logged = captureLogs();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    logger.setLogLevel('INFO');
  });

  it('writes a volunteer, an SMS job, an inbound SMS and an error about a phone without any of their personal data', () => {
    const volunteer = aVolunteer({ name: NAME, birthDate: BIRTH_DATE, phone: PHONE });
    const job = anAlertJob(anAlert('request-1', volunteer.id), PHONE);
    const inbound = {
      originationNumber: PHONE,
      destinationNumber: '+32460000001',
      messageBody: `JA 1234 groeten van ${NAME}`,
      inboundMessageId: 'inbound-1',
    };
    const error = new Error(`the provider refused ${PHONE} (also known as ${NATIONAL_PHONE})`, {
      cause: new Error(`retry for ${PHONE}`),
    });

    logger.info('volunteer registered', { volunteer });
    logger.info('sms job', { job, nested: { deeper: [{ contact: { name: NAME, phone: PHONE } }] } });
    logger.warn('inbound sms', { inbound, email: 'an@example.be', note: `call ${NAME}` });
    logger.error(`sending to ${NATIONAL_PHONE} failed`, { error });
    logger.error('unexpected', error);

    const output = logged.join('');
    expect(output.trim().split('\n')).toHaveLength(5);
    for (const secret of [PHONE, '470123456', '0470 12 34 56', NAME, 'Peeters', BIRTH_DATE, 'an@example.be'])
      expect(output, secret).not.toContain(secret);
    // Still useful in an incident: ids, the kind of job, the error's class and the masked numbers.
    expect(output).toContain(volunteer.id);
    expect(output).toContain('inbound-1');
    expect(output).toContain('"kind":"alert"');
    expect(output).toContain('"name":"Error"');
    expect(output).toContain('+324******56');
  });
});

describe('redact', () => {
  it.each([
    ['an E.164 number', 'call +32470123456 now', 'call +324******56 now'],
    ['a spaced E.164 number', 'call +32 470 12 34 56 now', 'call +324******56 now'],
    ['a 0032 number', 'call 0032470123456 now', 'call 0032*******56 now'],
    ['a Belgian mobile number', 'call 0470 12 34 56 now', 'call 0470****56 now'],
    ['a Belgian landline with slashes and dots', 'call 09/123.45.67 now', 'call 0912***67 now'],
  ])('masks %s inside text', (_label, text, masked) => {
    expect(maskPhonesIn(text)).toBe(masked);
  });

  it.each([
    ['an ISO timestamp', '2026-03-01T10:05:00.000Z'],
    ['a NIS code', 'municipality 44021'],
    ['a ULID', '01JQ3Z6D0000000000000000AB'],
    ['a reply code', 'JA 4821'],
  ])('leaves %s alone', (_label, text) => {
    expect(maskPhonesIn(text)).toBe(text);
  });

  it('redacts personal attributes at any depth and masks phone attributes', () => {
    expect(
      redact({ list: [{ person: { name: 'X', firstName: 'Y', to: '+32470123456', from: 'unknown' } }] }),
    ).toEqual({
      list: [{ person: { name: REDACTED, firstName: REDACTED, to: '+324******56', from: 'unkn*wn' } }],
    });
  });

  it("leaves the Lambda context's own attributes alone", () => {
    const context = { function_arn: 'arn:aws:lambda:eu-west-1:004712345678:function:SmsDispatcher' };
    expect(redact(context)).toEqual(context);
  });

  it('keeps a phone number its caller masked already', () => {
    expect(redact({ from: '+324******56' })).toEqual({ from: '+324******56' });
  });

  it('survives a record that refers to itself', () => {
    const record: Record<string, unknown> = { id: 'a' };
    record.self = record;
    expect(redact(record)).toEqual({ id: 'a', self: '[circular]' });
  });
});
