import { describe, expect, it } from 'vitest';
import { CLAIM_STATUSES } from '../../../../shared/domain/claim';
import { gsm7Length, isSinglePartGsm7, SINGLE_PART_SEPTETS } from '../../../../shared/domain/gsm7';
import { parseReply, REJOIN_WORDS } from '../../../../shared/domain/reply';
import {
  EXERCISE_MARKS,
  LIFECYCLE_FAILURE_OUTCOMES,
  MAX_CHOICES,
  renderAlertSms,
  renderChoiceSms,
  renderClaimStatusSms,
  renderConfirmationSms,
  renderCoordinatorAlertSms,
  renderEnoughSms,
  renderHelpSms,
  renderLateReplySms,
  renderLifecycleFailureSms,
  renderOptedOutSms,
  renderPausedSms,
  renderRejoinedSms,
  renderReserveSms,
  renderResumedSms,
  renderRosterExhaustedSms,
  renderShortfallSms,
  renderSpontaneousWelcomeSms,
  renderStandDownSms,
  renderUpdateSms,
  SMS_LANGUAGES,
  type SmsLanguage,
  updateRoom,
} from '../../../../shared/domain/sms-templates';
import official from '../../../../shared/reference/flemish-municipalities-2025.json';

const MUNICIPALITY_NAMES = [...new Set(official.municipalities.flatMap((m) => [m.name, m.nameFr]))];

// The longest title the API accepts (60 characters), full of characters GSM-7 lacks.
const WORST_TITLE = 'Overstroming België: ë ï ê ó á … dijkbreuk in Gentbrugge nu!';
// Each extension character costs two septets; the API still accepts 60 of them.
const EXTENSION_TITLE = 'Brand [dringend] {x} ~ ^ | \\ €'.padEnd(60, '€');

const septetsOver = (text: string) => `${gsm7Length(text) ?? 'UCS-2'} septets: ${text}`;

/** The renders that do not fit one GSM-7 part: how many, and the three longest, so a failure names them. */
const oversized = (render: (municipality: string) => string): string[] => {
  const tooLong = MUNICIPALITY_NAMES.map(render)
    .filter((sms) => !isSinglePartGsm7(sms))
    .sort((a, b) => (gsm7Length(b) ?? Infinity) - (gsm7Length(a) ?? Infinity));
  if (!tooLong.length) return [];
  return [
    `${tooLong.length} of ${MUNICIPALITY_NAMES.length} renders exceed ${SINGLE_PART_SEPTETS} septets; longest:`,
    ...tooLong.slice(0, 3).map(septetsOver),
  ];
};

describe('SMS templates', () => {
  it('test data: covers every official municipality name and worst-case 60-character titles', () => {
    expect(official.municipalities.length).toBeGreaterThan(280);
    expect(MUNICIPALITY_NAMES).toContain('Saint-Nicolas (Saint-Nicolas)');
    expect(MUNICIPALITY_NAMES).toContain('Rhode-Saint-Genèse');
    expect(WORST_TITLE).toHaveLength(60);
    expect(EXTENSION_TITLE).toHaveLength(60);
  });

  describe.each(SMS_LANGUAGES)('in %s', (language: SmsLanguage) => {
    it('fits the alert in one GSM-7 part for every municipality name with a 60-character title', () => {
      expect(
        oversized((municipality) =>
          renderAlertSms(language, { municipality, title: WORST_TITLE, code: '4821' }),
        ),
      ).toEqual([]);
    });

    it('fits the alert in one GSM-7 part for every municipality name with a title of extension characters', () => {
      expect(
        oversized((municipality) =>
          renderAlertSms(language, { municipality, title: EXTENSION_TITLE, code: '4821' }),
        ),
      ).toEqual([]);
    });

    it('fits the spontaneous volunteer welcome in one GSM-7 part for every municipality name and worst-case title', () => {
      for (const title of [WORST_TITLE, EXTENSION_TITLE]) {
        expect(
          oversized((municipality) =>
            renderSpontaneousWelcomeSms(language, { municipality, title, code: '4821' }),
          ),
        ).toEqual([]);
      }
    });

    it('thanks the spontaneous volunteer and gives the reply code after JA and after NEE', () => {
      const sms = renderSpontaneousWelcomeSms(language, {
        municipality: 'Gent',
        title: 'Zandzakken vullen',
        code: '4821',
      });
      expect(sms).toContain('Gent: Zandzakken vullen');
      expect(sms).toContain('JA 4821');
      expect(sms).toContain('NEE 4821');
    });

    it('fits the stand-down in one GSM-7 part for every municipality name', () => {
      expect(oversized((municipality) => renderStandDownSms(language, { municipality }))).toEqual([]);
    });

    it('fits a coordinator update that uses all the room updateRoom gives, for every municipality name', () => {
      expect(
        oversized((municipality) =>
          renderUpdateSms(language, { municipality, message: 'x'.repeat(updateRoom(municipality)) }),
        ),
      ).toEqual([]);
    });

    it('transliterates an update and keeps its words', () => {
      expect(
        renderUpdateSms(language, {
          municipality: 'Sint-Niklaas',
          message: ' Verzamelen aan de kerk, België! ',
        }),
      ).toMatch(/Sint-Niklaas: Verzamelen aan de kerk, Belgie!$/);
    });

    it('fits the choice between open call-outs in one GSM-7 part with worst-case titles, naming every code', () => {
      for (const title of [WORST_TITLE, EXTENSION_TITLE]) {
        for (const count of [2, MAX_CHOICES, MAX_CHOICES + 2]) {
          const options = Array.from({ length: count }, (_, i) => ({ code: String(4821 + i), title }));
          const sms = renderChoiceSms(language, { word: 'NEE', options });
          expect(isSinglePartGsm7(sms), septetsOver(sms)).toBe(true);
          for (const option of options.slice(0, MAX_CHOICES)) expect(sms).toContain(`NEE ${option.code} (`);
        }
      }
    });

    it('keeps short titles whole in the choice between call-outs', () => {
      const sms = renderChoiceSms(language, {
        word: 'JA',
        options: [
          { code: '4821', title: 'Zandzakken vullen' },
          { code: '1234', title: 'Evacuatie rusthuis' },
        ],
      });
      expect(sms).toContain('JA 4821 (Zandzakken vullen), JA 1234 (Evacuatie rusthuis).');
    });

    it('fits the confirmation in one GSM-7 part with a worst-case title, place and coordinator name', () => {
      for (const title of [WORST_TITLE, EXTENSION_TITLE]) {
        for (const place of ['9050', `${EXTENSION_TITLE} ${WORST_TITLE} `.repeat(2).slice(0, 200)]) {
          for (const coordinator of [
            undefined,
            'Coördinator Van Den Heuvel-De Smedt-Vercauteren'.repeat(2),
          ]) {
            const sms = renderConfirmationSms(language, {
              title,
              place,
              ...(coordinator ? { coordinator } : {}),
            });
            expect(isSinglePartGsm7(sms), septetsOver(sms)).toBe(true);
          }
        }
      }
    });

    it('gives the confirmation the title, the whole place and the coordinator when they fit', () => {
      const sms = renderConfirmationSms(language, {
        title: 'Dijkbewaking Schelde',
        place: 'Kaai 12, aan de loods',
        coordinator: 'Sofie Maes',
      });
      for (const part of ['Dijkbewaking Schelde', 'Kaai 12, aan de loods', 'Sofie Maes'])
        expect(sms).toContain(part);
    });

    it('fits the reserve and the enough-volunteers SMS in one GSM-7 part with worst-case titles, naming short ones whole', () => {
      for (const title of [WORST_TITLE, EXTENSION_TITLE]) {
        for (const sms of [renderReserveSms(language, { title }), renderEnoughSms(language, { title })])
          expect(isSinglePartGsm7(sms), septetsOver(sms)).toBe(true);
      }
      expect(renderReserveSms(language, { title: 'Zandzakken' })).toContain('Zandzakken');
      expect(renderEnoughSms(language, { title: 'Zandzakken' })).toContain('Zandzakken');
    });

    it('fits the help text and the late-reply text in one GSM-7 part', () => {
      expect(isSinglePartGsm7(renderHelpSms(language)), renderHelpSms(language)).toBe(true);
      expect(isSinglePartGsm7(renderLateReplySms(language)), renderLateReplySms(language)).toBe(true);
    });

    it('puts the reply code in the alert twice, once after JA and once after NEE', () => {
      const sms = renderAlertSms(language, { municipality: 'Gent', title: 'Wateroverlast', code: '4821' });
      expect(sms.split('4821')).toHaveLength(3);
      expect(sms).toContain('JA 4821');
      expect(sms).toContain('NEE 4821');
    });

    it('names the municipality and the title in the alert, converted to GSM-7', () => {
      const sms = renderAlertSms(language, {
        municipality: 'Sint-Genesius-Rode',
        title: 'Overstroming België',
        code: '4821',
      });
      expect(sms).toContain('Sint-Genesius-Rode');
      expect(sms).toContain('Overstroming Belgie');
      expect(gsm7Length(sms)).toBeTypeOf('number');
    });

    it('trims the title and keeps a short title whole', () => {
      const sms = renderAlertSms(language, {
        municipality: 'Gent',
        title: '  Wateroverlast  ',
        code: '4821',
      });
      expect(sms).toContain(': Wateroverlast.');
    });

    it('clips a title that grows in GSM-7 to the room the message leaves, keeping the reply codes', () => {
      const sms = renderAlertSms(language, { municipality: 'Gent', title: '…'.repeat(60), code: '4821' });
      expect(gsm7Length(sms)).toBe(160);
      expect(sms).toMatch(/: \.{20,}\. /);
      expect(sms.match(/4821/g)).toHaveLength(2);
    });

    it('names the municipality in the stand-down', () => {
      expect(renderStandDownSms(language, { municipality: 'Gent' })).toContain('Gent');
    });

    it('fits the opt-out confirmations, the welcome back and the pause confirmations in one GSM-7 part', () => {
      for (const sms of [
        renderPausedSms(language, '2026-12-31'),
        renderResumedSms(language),
        renderOptedOutSms(language, 'member'),
        renderOptedOutSms(language, 'spontaneous'),
        renderRejoinedSms(language),
      ])
        expect(isSinglePartGsm7(sms), sms).toBe(true);
    });

    it('tells a member who opted out the word of their language that brings them back, and how to stop again', () => {
      const word = REJOIN_WORDS[language];
      expect(renderOptedOutSms(language, 'member')).toContain(` ${word} `);
      expect(parseReply(word)).toEqual({ kind: 'start' });
      expect(renderRejoinedSms(language)).toContain('STOP');
    });

    it('tells a spontaneous volunteer that only this help request falls silent', () => {
      expect(renderOptedOutSms(language, 'spontaneous')).not.toContain(REJOIN_WORDS[language]);
      expect(renderOptedOutSms(language, 'spontaneous')).not.toBe(renderOptedOutSms(language, 'member'));
    });

    it('tells how to answer and how to opt out in the help text', () => {
      const help = renderHelpSms(language);
      expect(help).toContain('JA <code>');
      expect(help).toContain('NEE <code>');
      expect(help).toContain('STOP');
    });
  });

  it('speaks the language asked for', () => {
    const input = { municipality: 'Gent', title: 'Wateroverlast', code: '4821' };
    expect(renderAlertSms('nl', input)).toMatch(/^Rode Kruis: hulpvraag Gent: Wateroverlast\. /);
    expect(renderAlertSms('fr', input)).toMatch(/^Croix-Rouge: /);
    expect(renderAlertSms('en', input)).toMatch(/^Red Cross: /);
    expect(new Set(SMS_LANGUAGES.map(renderLateReplySms)).size).toBe(3);
  });

  it('renders the Dutch alert exactly as API.md gives it', () => {
    expect(renderAlertSms('nl', { municipality: 'Gent', title: 'Wateroverlast', code: '4821' })).toBe(
      'Rode Kruis: hulpvraag Gent: Wateroverlast. Kan je helpen? Antwoord JA 4821 of NEE 4821.',
    );
  });
});

describe('SMS templates for the Red Cross coordinator', () => {
  it.each([WORST_TITLE, EXTENSION_TITLE])(
    'fits the coordinator alert in one GSM-7 part for every municipality, every level and the title %#',
    (title) => {
      for (const level of [0, 1, 10]) {
        expect(
          oversized((municipality) =>
            renderCoordinatorAlertSms({ municipality, title, volunteers: 15000, level }),
          ),
        ).toEqual([]);
      }
    },
  );

  it.each([WORST_TITLE, EXTENSION_TITLE])(
    'fits the shortfall alert in one GSM-7 part for the title %#',
    (title) => {
      expect(
        oversized((municipality) =>
          renderShortfallSms({ municipality, title, needed: 15000, accepted: 14999 }),
        ),
      ).toEqual([]);
    },
  );

  it.each([WORST_TITLE, EXTENSION_TITLE])(
    'fits the shortfall alert naming every short task in one GSM-7 part for the title %#',
    (title) => {
      const short = [
        { task: 'logistics' as const, needed: 5000, accepted: 4999 },
        { task: 'operational' as const, needed: 5000, accepted: 4999 },
        { task: 'medical' as const, needed: 5000, accepted: 4999 },
      ];
      expect(
        oversized((municipality) =>
          renderShortfallSms({ municipality, title, needed: 15000, accepted: 14997, short }),
        ),
      ).toEqual([]);
    },
  );

  it('names the tasks that fall short, with accepted and needed', () => {
    expect(
      renderShortfallSms({
        municipality: 'Gent',
        title: 'Brand',
        needed: 10,
        accepted: 8,
        short: [{ task: 'medical', needed: 2, accepted: 0 }],
      }),
    ).toBe(
      'Rode Kruis 24/7: tekort bij hulpvraag Gent: Brand. 8 van 10 vrijwilligers. Tekort: medisch 0/2. Breid uit in de tool.',
    );
  });

  it('says who it is for, what is asked and how to respond', () => {
    expect(renderCoordinatorAlertSms({ municipality: 'Gent', title: 'Brand', volunteers: 4, level: 2 })).toBe(
      'Rode Kruis 24/7 (back-up 2): nieuwe hulpvraag Gent: Brand, 4 vrijwilligers. Bevestig in de tool.',
    );
    expect(
      renderCoordinatorAlertSms({ municipality: 'Gent', title: 'Brand', volunteers: 1, level: 0 }),
    ).toContain('Brand, 1 vrijwilliger. Bevestig');
    expect(renderShortfallSms({ municipality: 'Gent', title: 'Brand', needed: 4, accepted: 1 })).toBe(
      'Rode Kruis 24/7: tekort bij hulpvraag Gent: Brand. 1 van 4 vrijwilligers. Breid uit in de tool.',
    );
  });
});

describe('SMS templates when the lifecycle needs a human', () => {
  it.each(
    SMS_LANGUAGES.flatMap((language) =>
      [WORST_TITLE, EXTENSION_TITLE].flatMap((title) =>
        LIFECYCLE_FAILURE_OUTCOMES.map((outcome) => [language, outcome, title] as const),
      ),
    ),
  )(
    'fits the lifecycle failure SMS in %s (%s) in one GSM-7 part for every municipality and %s',
    (language, outcome, title) => {
      expect(
        oversized((municipality) => renderLifecycleFailureSms(language, { municipality, title, outcome })),
      ).toEqual([]);
    },
  );

  it.each(
    SMS_LANGUAGES.flatMap((language) =>
      [WORST_TITLE, EXTENSION_TITLE].flatMap((title) =>
        [0, 1, 11].map((levels) => [language, levels, title] as const),
      ),
    ),
  )(
    'fits the crisis centre SMS in %s (%i levels) in one GSM-7 part for every municipality and %s',
    (language, levels, title) => {
      expect(
        oversized((municipality) => renderRosterExhaustedSms(language, { municipality, title, levels })),
      ).toEqual([]);
    },
  );

  it('tells the coordinator what became of the request, and the crisis centre who was asked', () => {
    const request = { municipality: 'Gent', title: 'Brand' };
    expect(renderLifecycleFailureSms('nl', { ...request, outcome: 'continues' })).toBe(
      'Rode Kruis 24/7: storing bij hulpvraag Gent: Brand. Oproepen mogelijk onvolledig, de vraag blijft open. Volg op in de tool.',
    );
    expect(renderLifecycleFailureSms('nl', { ...request, outcome: 'closed' })).toContain('afgesloten');
    expect(renderLifecycleFailureSms('en', { ...request, outcome: 'not-stood-down' })).toContain(
      'call those who said JA',
    );
    expect(renderRosterExhaustedSms('nl', { ...request, levels: 3 })).toBe(
      'Rode Kruis: niemand van de wachtdienst bevestigde hulpvraag Gent: Brand (3 pers., 2 rondes). Volg op.',
    );
    expect(renderRosterExhaustedSms('fr', { ...request, levels: 0 })).toContain('permanence vide');
  });
});

describe('SMS of an exercise', () => {
  const exercise = { exercise: true } as const;
  const request = { municipality: 'Gent', title: 'Zandzakken vullen' };

  describe.each(SMS_LANGUAGES)('in %s', (language: SmsLanguage) => {
    const mark = `${EXERCISE_MARKS[language]} - `;

    it('starts every SMS about the request with the word for exercise, in the volunteer’s language', () => {
      const renders = [
        renderAlertSms(language, { ...request, code: '4821', ...exercise }),
        renderSpontaneousWelcomeSms(language, { ...request, code: '4821', ...exercise }),
        renderStandDownSms(language, { ...request, ...exercise }),
        renderUpdateSms(language, { ...request, message: 'Verzamelen aan de kerk', ...exercise }),
        renderConfirmationSms(language, { ...request, place: '9000', ...exercise }),
        renderReserveSms(language, { ...request, ...exercise }),
        renderEnoughSms(language, { ...request, ...exercise }),
        renderLifecycleFailureSms(language, { ...request, outcome: 'continues', ...exercise }),
        renderRosterExhaustedSms(language, { ...request, levels: 2, ...exercise }),
      ];
      for (const sms of renders) expect(sms.startsWith(mark), sms).toBe(true);
      // The real request's SMS are the same without the mark.
      expect(renderAlertSms(language, { ...request, code: '4821', ...exercise })).toBe(
        mark + renderAlertSms(language, { ...request, code: '4821' }),
      );
    });

    it('keeps the alert and the welcome in one GSM-7 part for every municipality name, the title giving way', () => {
      for (const title of [WORST_TITLE, EXTENSION_TITLE]) {
        expect(
          oversized((municipality) =>
            renderAlertSms(language, { municipality, title, code: '4821', ...exercise }),
          ),
        ).toEqual([]);
        expect(
          oversized((municipality) =>
            renderSpontaneousWelcomeSms(language, { municipality, title, code: '4821', ...exercise }),
          ),
        ).toEqual([]);
      }
    });

    it('keeps an update of all the room updateRoom gives an exercise in one part', () => {
      expect(
        oversized((municipality) =>
          renderUpdateSms(language, {
            municipality,
            message: 'x'.repeat(updateRoom(municipality, exercise)),
            ...exercise,
          }),
        ),
      ).toEqual([]);
      expect(updateRoom('Gent', exercise)).toBeLessThan(updateRoom('Gent'));
    });
  });

  it('marks the coordinator’s and the crisis centre’s SMS in Dutch', () => {
    const coordinator = renderCoordinatorAlertSms({ ...request, volunteers: 4, level: 0, ...exercise });
    const shortfall = renderShortfallSms({ ...request, needed: 4, accepted: 1, ...exercise });
    for (const sms of [coordinator, shortfall]) {
      expect(sms).toMatch(/^OEFENING - Rode Kruis 24\/7/);
      expect(isSinglePartGsm7(sms), septetsOver(sms)).toBe(true);
    }
  });
});

describe('updateRoom', () => {
  it('leaves the room of the longest prefix, so no language is cut', () => {
    expect(updateRoom('Gent')).toBe(SINGLE_PART_SEPTETS - 'Croix-Rouge Gent: '.length);
    expect(Math.min(...MUNICIPALITY_NAMES.map((m) => updateRoom(m)))).toBeGreaterThan(100);
  });
});

describe('claim status SMS', () => {
  it.each(SMS_LANGUAGES.flatMap((language) => CLAIM_STATUSES.map((status) => [language, status] as const)))(
    'fits one GSM-7 part in %s for the status %s, naming the claim',
    (language, status) => {
      const sms = renderClaimStatusSms(language, { claimId: '01JQ7Z8X9Y0A1B2C3D4E5F6G7H', status });
      expect(isSinglePartGsm7(sms), septetsOver(sms)).toBe(true);
      expect(sms).toContain('01JQ7Z8X9Y0A1B2C3D4E5F6G7H');
    },
  );

  it('tells every status apart in every language', () => {
    for (const language of SMS_LANGUAGES) {
      const bodies = CLAIM_STATUSES.map((status) => renderClaimStatusSms(language, { claimId: 'X', status }));
      expect(new Set(bodies).size).toBe(CLAIM_STATUSES.length);
    }
  });
});
