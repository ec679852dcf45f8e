import type { Task } from '../schemas/common';
import type { ClaimStatus } from './claim';
import { clipToSeptets, gsm7Length, SINGLE_PART_SEPTETS, toGsm7 } from './gsm7';
import { REJOIN_WORDS } from './reply';

export const SMS_LANGUAGES = ['nl', 'fr', 'en'] as const;
export type SmsLanguage = (typeof SMS_LANGUAGES)[number];

/**
 * A drill's SMS start with the word for exercise in the recipient's language, so nobody mistakes one for a real call;
 * each template fits the mark into the room it keeps (an alert stays one part).
 */
export const EXERCISE_MARKS: Record<SmsLanguage, string> = { nl: 'OEFENING', fr: 'EXERCICE', en: 'EXERCISE' };

/** What every SMS about a help request may say of it: whether it is a drill. */
export interface AboutRequest {
  exercise?: boolean;
}

const marked =
  (language: SmsLanguage, about: AboutRequest) =>
  (body: string): string =>
    about.exercise ? `${EXERCISE_MARKS[language]} - ${body}` : body;

/** Renders a template around a title, clipping the title to the septets the rest of the one part leaves over. */
const withTitle = (render: (title: string) => string, title: string): string => {
  const room = SINGLE_PART_SEPTETS - (gsm7Length(render('')) ?? SINGLE_PART_SEPTETS);
  return render(clipToSeptets(toGsm7(title.trim()), room));
};

export interface AlertSmsInput extends AboutRequest {
  municipality: string;
  title: string;
  code: string;
}

const alertTemplates: Record<SmsLanguage, (i: AlertSmsInput) => string> = {
  nl: (i) =>
    `Rode Kruis: hulpvraag ${i.municipality}: ${i.title}. Kan je helpen? Antwoord JA ${i.code} of NEE ${i.code}.`,
  fr: (i) =>
    `Croix-Rouge: demande d'aide ${i.municipality}: ${i.title}. Pouvez-vous aider? Repondez JA ${i.code} ou NEE ${i.code}.`,
  en: (i) =>
    `Red Cross: help request ${i.municipality}: ${i.title}. Can you help? Reply JA ${i.code} or NEE ${i.code}.`,
};

const standDownTemplates: Record<SmsLanguage, (i: { municipality: string }) => string> = {
  nl: (i) =>
    `Rode Kruis: de hulpvraag in ${i.municipality} is afgesloten. Bedankt! Gewond of schade? Vraag de coordinator naar het aangifteformulier.`,
  fr: (i) =>
    `Croix-Rouge: la demande d'aide a ${i.municipality} est cloturee. Merci! Blesse ou degats? Demandez le formulaire au coordinateur.`,
  en: (i) =>
    `Red Cross: the help request in ${i.municipality} is closed. Thank you! Injured or damage? Ask the coordinator for the claim form.`,
};

/** The alert SMS, always one GSM-7 part: the title gets the septets the rest of the message leaves over. */
export const renderAlertSms = (language: SmsLanguage, input: AlertSmsInput): string =>
  withTitle(
    (title) =>
      marked(
        language,
        input,
      )(alertTemplates[language]({ municipality: toGsm7(input.municipality), title, code: input.code })),
    input.title,
  );

const spontaneousWelcomeTemplates: Record<SmsLanguage, (i: AlertSmsInput) => string> = {
  nl: (i) =>
    `Rode Kruis: bedankt voor je registratie voor ${i.municipality}: ${i.title}. Antwoord JA ${i.code} of NEE ${i.code}.`,
  fr: (i) =>
    `Croix-Rouge: merci pour votre inscription pour ${i.municipality}: ${i.title}. Repondez JA ${i.code} ou NEE ${i.code}.`,
  en: (i) =>
    `Red Cross: thank you for registering for ${i.municipality}: ${i.title}. Reply JA ${i.code} or NEE ${i.code}.`,
};

/** A spontaneous volunteer's alert: thanks for registering, and the reply code; one GSM-7 part like the alert. */
export const renderSpontaneousWelcomeSms = (language: SmsLanguage, input: AlertSmsInput): string =>
  withTitle(
    (title) =>
      marked(
        language,
        input,
      )(
        spontaneousWelcomeTemplates[language]({
          municipality: toGsm7(input.municipality),
          title,
          code: input.code,
        }),
      ),
    input.title,
  );

export const renderStandDownSms = (
  language: SmsLanguage,
  input: AboutRequest & { municipality: string },
): string =>
  marked(language, input)(standDownTemplates[language]({ municipality: toGsm7(input.municipality) }));

const helpTemplates: Record<SmsLanguage, string> = {
  nl: 'Rode Kruis: antwoord JA <code> of NEE <code> op een oproep, of STOP om geen oproepen meer te krijgen.',
  fr: 'Croix-Rouge: repondez JA <code> ou NEE <code> a un appel, ou STOP pour ne plus recevoir d appels.',
  en: 'Red Cross: reply JA <code> or NEE <code> to a call-out, or STOP to receive no more call-outs.',
};

const lateReplyTemplates: Record<SmsLanguage, string> = {
  nl: 'Rode Kruis: bedankt, maar deze hulpvraag is al afgesloten. Je hoeft niets meer te doen.',
  fr: "Croix-Rouge: merci, mais cette demande d'aide est deja cloturee. Rien d'autre a faire.",
  en: 'Red Cross: thank you, but this help request is already closed. Nothing more to do.',
};

const optedOutTemplates: Record<'member' | 'spontaneous', Record<SmsLanguage, string>> = {
  member: {
    nl: `Rode Kruis: je krijgt geen oproepen of SMS meer van ons. Antwoord ${REJOIN_WORDS.nl} om je weer aan te melden.`,
    fr: `Croix-Rouge: vous ne recevrez plus d'appels ni de SMS. Repondez ${REJOIN_WORDS.fr} pour vous reinscrire.`,
    en: `Red Cross: you will get no more call-outs or SMS from us. Reply ${REJOIN_WORDS.en} to sign up again.`,
  },
  spontaneous: {
    nl: 'Rode Kruis: je krijgt geen SMS meer over deze hulpvraag. Bedankt voor je hulp!',
    fr: "Croix-Rouge: vous ne recevrez plus de SMS pour cette demande d'aide. Merci pour votre aide!",
    en: 'Red Cross: you will get no more SMS about this help request. Thank you for your help!',
  },
};

const rejoinedTemplates: Record<SmsLanguage, string> = {
  nl: 'Rode Kruis: welkom terug! Je krijgt weer oproepen. Antwoord STOP om te stoppen.',
  fr: 'Croix-Rouge: bon retour! Vous recevrez a nouveau des appels. Repondez STOP pour arreter.',
  en: 'Red Cross: welcome back! You will get call-outs again. Reply STOP to stop.',
};

/** The confirmation of a STOP: a member hears how to come back, a spontaneous volunteer that their request is silent. */
export const renderOptedOutSms = (language: SmsLanguage, who: 'member' | 'spontaneous'): string =>
  optedOutTemplates[who][language];

const pausedTemplates: Record<SmsLanguage, (until: string) => string> = {
  nl: (d) =>
    `Rode Kruis: je krijgt geen oproepen tot en met ${d}. Antwoord PAUZE 0 om eerder weer oproepen te krijgen.`,
  fr: (d) => `Croix-Rouge: pas d'appels jusqu'au ${d} inclus. Repondez PAUSE 0 pour en recevoir plus tot.`,
  en: (d) => `Red Cross: no call-outs until ${d} inclusive. Reply PAUSE 0 to get them again sooner.`,
};

const resumedTemplates: Record<SmsLanguage, string> = {
  nl: 'Rode Kruis: je krijgt weer oproepen. Antwoord PAUZE 7 om 7 dagen te pauzeren.',
  fr: 'Croix-Rouge: vous recevrez a nouveau des appels. Repondez PAUSE 7 pour une pause de 7 jours.',
  en: 'Red Cross: you will get call-outs again. Reply PAUSE 7 to pause for 7 days.',
};

/** The confirmation of `PAUZE n`: the last day without call-outs (YYYY-MM-DD), written as Belgians write dates. */
export const renderPausedSms = (language: SmsLanguage, until: string): string =>
  pausedTemplates[language](`${until.slice(8, 10)}/${until.slice(5, 7)}/${until.slice(0, 4)}`);

/** The confirmation of `PAUZE 0`. */
export const renderResumedSms = (language: SmsLanguage): string => resumedTemplates[language];

/** The confirmation of a member's rejoin word. */
export const renderRejoinedSms = (language: SmsLanguage): string => rejoinedTemplates[language];

/** The answer to a reply the tool cannot match to an open alert. */
export const renderHelpSms = (language: SmsLanguage): string => helpTemplates[language];

export const renderLateReplySms = (language: SmsLanguage): string => lateReplyTemplates[language];

const choiceTemplates: Record<SmsLanguage, (options: string) => string> = {
  nl: (o) => `Rode Kruis: je hebt meerdere open oproepen. Antwoord met de code: ${o}.`,
  fr: (o) => `Croix-Rouge: vous avez plusieurs appels ouverts. Repondez avec le code: ${o}.`,
  en: (o) => `Red Cross: you have several open call-outs. Reply with the code: ${o}.`,
};

/** Open call-outs a choice SMS lists at most: more would leave no room for their titles. */
export const MAX_CHOICES = 3;

/**
 * The answer to a bare JA or NEE when the volunteer has several open call-outs: each code with its title (clipped
 * so the list fits one GSM-7 part), in the word the volunteer used.
 */
export const renderChoiceSms = (
  language: SmsLanguage,
  input: { word: 'JA' | 'NEE'; options: { code: string; title: string }[] },
): string => {
  const options = input.options.slice(0, MAX_CHOICES);
  const render = (titles: string[]) =>
    choiceTemplates[language](options.map((o, i) => `${input.word} ${o.code} (${titles[i]})`).join(', '));
  const room = SINGLE_PART_SEPTETS - (gsm7Length(render(options.map(() => ''))) ?? SINGLE_PART_SEPTETS);
  const each = Math.floor(room / options.length);
  return render(options.map((o) => clipToSeptets(toGsm7(o.title.trim()), each)));
};

export interface ConfirmationSmsInput extends AboutRequest {
  title: string;
  /** Where to go: the location's description, or its postcode when there is none. */
  place: string;
  /** Who coordinates, once a coordinator has taken the request. */
  coordinator?: string;
}

const confirmationTemplates: Record<SmsLanguage, (i: ConfirmationSmsInput) => string> = {
  nl: (i) =>
    `Rode Kruis: bedankt, je helpt bij ${i.title}. Waar: ${i.place}.${i.coordinator ? ` Coordinator: ${i.coordinator}.` : ''}`,
  fr: (i) =>
    `Croix-Rouge: merci, vous aidez pour ${i.title}. Lieu: ${i.place}.${i.coordinator ? ` Coordinateur: ${i.coordinator}.` : ''}`,
  en: (i) =>
    `Red Cross: thank you, you are helping with ${i.title}. Where: ${i.place}.${i.coordinator ? ` Coordinator: ${i.coordinator}.` : ''}`,
};

/** Septets the coordinator's name may take in the confirmation: a first name and a surname. */
const COORDINATOR_NAME_SEPTETS = 30;
/** Septets the title keeps in the confirmation when the place needs the room. */
const CONFIRMATION_TITLE_SEPTETS = 30;

/**
 * The answer to a JA that fills a task: what it is for, where to go and (once acknowledged) who coordinates, in
 * one GSM-7 part. The place gets the room it needs before the title grows past a short one.
 */
export const renderConfirmationSms = (language: SmsLanguage, input: ConfirmationSmsInput): string => {
  const coordinator = input.coordinator
    ? clipToSeptets(toGsm7(input.coordinator.trim()), COORDINATOR_NAME_SEPTETS)
    : undefined;
  const render = (title: string, place: string) =>
    marked(
      language,
      input,
    )(confirmationTemplates[language]({ title, place, ...(coordinator ? { coordinator } : {}) }));
  const room = SINGLE_PART_SEPTETS - (gsm7Length(render('', '')) ?? SINGLE_PART_SEPTETS);
  const place = toGsm7(input.place.trim());
  const fullTitle = toGsm7(input.title.trim());
  const titleRoom = Math.max(CONFIRMATION_TITLE_SEPTETS, room - (gsm7Length(place) ?? room));
  const title = clipToSeptets(fullTitle, Math.min(titleRoom, room));
  return render(title, clipToSeptets(place, room - (gsm7Length(title) ?? 0)));
};

const reserveTemplates: Record<SmsLanguage, (title: string) => string> = {
  nl: (t) =>
    `Rode Kruis: bedankt! ${t}: de taken die je kan doen zijn al ingevuld. Je staat als reserve genoteerd; we sturen een SMS als we je nodig hebben.`,
  fr: (t) =>
    `Croix-Rouge: merci! ${t}: les taches que vous pouvez faire sont deja pourvues. Vous etes en reserve; un SMS suivra si besoin.`,
  en: (t) =>
    `Red Cross: thank you! ${t}: the tasks you can do are filled. You are on reserve; we will text you if we need you.`,
};

/** The answer to a JA when no task the volunteer can take still lacks volunteers: kept in reserve. */
export const renderReserveSms = (language: SmsLanguage, input: AboutRequest & { title: string }): string =>
  withTitle((title) => marked(language, input)(reserveTemplates[language](title)), input.title);

const enoughTemplates: Record<SmsLanguage, (title: string) => string> = {
  nl: (t) => `Rode Kruis: er zijn genoeg vrijwilligers voor ${t}. Bedankt, je hoeft niet meer te antwoorden.`,
  fr: (t) => `Croix-Rouge: il y a assez de volontaires pour ${t}. Merci, inutile de repondre.`,
  en: (t) => `Red Cross: there are enough volunteers for ${t}. Thank you, no need to answer.`,
};

/** To the volunteers who had not answered yet when every task got its volunteers. */
export const renderEnoughSms = (language: SmsLanguage, input: AboutRequest & { title: string }): string =>
  withTitle((title) => marked(language, input)(enoughTemplates[language](title)), input.title);

/** To the Red Cross coordinator (always Dutch): a new help request to take; they acknowledge in the tool. */
export const renderCoordinatorAlertSms = (
  input: AboutRequest & {
    municipality: string;
    title: string;
    volunteers: number;
    level: number;
  },
): string => {
  const render = (title: string) =>
    marked(
      'nl',
      input,
    )(
      `Rode Kruis 24/7${input.level > 0 ? ` (back-up ${input.level})` : ''}: nieuwe hulpvraag ${toGsm7(input.municipality)}: ${title}, ${input.volunteers} ${input.volunteers === 1 ? 'vrijwilliger' : 'vrijwilligers'}. Bevestig in de tool.`,
    );
  return withTitle(render, input.title);
};

const TASK_NAMES_NL: Record<Task, string> = {
  logistics: 'logistiek',
  operational: 'operationeel',
  medical: 'medisch',
};
const TASK_ABBREVIATIONS_NL: Record<Task, string> = { logistics: 'log', operational: 'oper', medical: 'med' };

/** Septets the title keeps at least in the shortfall SMS; the per-task figures give way before it does. */
const SHORTFALL_TITLE_SEPTETS = 12;

/**
 * To the on-duty coordinator when the corps in scope could not provide enough volunteers: in total, and for a
 * request with several tasks, which tasks fall short (accepted/needed). Where a long name and large figures leave
 * too little room for the title, the total goes first, then the task names are abbreviated.
 */
export const renderShortfallSms = (
  input: AboutRequest & {
    municipality: string;
    title: string;
    needed: number;
    accepted: number;
    short?: { task: Task; needed: number; accepted: number }[];
  },
): string => {
  const total = ` ${input.accepted} van ${input.needed} vrijwilligers.`;
  const perTask = (names: Record<Task, string>) =>
    input.short?.length
      ? ` Tekort: ${input.short.map((s) => `${names[s.task]} ${s.accepted}/${s.needed}`).join(', ')}.`
      : '';
  const variants = [
    total + perTask(TASK_NAMES_NL),
    ...(input.short?.length ? [perTask(TASK_NAMES_NL), perTask(TASK_ABBREVIATIONS_NL)] : []),
  ];
  const renderWith = (figures: string) => (title: string) =>
    marked(
      'nl',
      input,
    )(
      `Rode Kruis 24/7: tekort bij hulpvraag ${toGsm7(input.municipality)}: ${title}.${figures} Breid uit in de tool.`,
    );
  const roomFor = (figures: string) =>
    SINGLE_PART_SEPTETS - (gsm7Length(renderWith(figures)('')) ?? SINGLE_PART_SEPTETS);
  const figures = variants.find((v) => roomFor(v) >= SHORTFALL_TITLE_SEPTETS) ?? variants.at(-1)!;
  return withTitle(renderWith(figures), input.title);
};

const updatePrefixes: Record<SmsLanguage, (municipality: string) => string> = {
  nl: (m) => `Rode Kruis ${m}: `,
  fr: (m) => `Croix-Rouge ${m}: `,
  en: (m) => `Red Cross ${m}: `,
};

/** Septets a coordinator's update may use so that it fits one part behind the prefix of every language. */
export const updateRoom = (municipality: string, about: AboutRequest = {}): number =>
  SINGLE_PART_SEPTETS -
  Math.max(
    ...SMS_LANGUAGES.map(
      (language) =>
        gsm7Length(marked(language, about)(updatePrefixes[language](toGsm7(municipality)))) ??
        SINGLE_PART_SEPTETS,
    ),
  );

/** A coordinator's own words to the volunteers who accepted, behind a prefix in the volunteer's language. */
export const renderUpdateSms = (
  language: SmsLanguage,
  input: AboutRequest & { municipality: string; message: string },
): string =>
  marked(
    language,
    input,
  )(`${updatePrefixes[language](toGsm7(input.municipality))}${toGsm7(input.message.trim())}`);

const claimStatusPrefixes: Record<SmsLanguage, (claimId: string) => string> = {
  nl: (id) => `Rode Kruis: je schadeaangifte ${id} `,
  fr: (id) => `Croix-Rouge: votre declaration de sinistre ${id} `,
  en: (id) => `Red Cross: your claim ${id} `,
};

const claimStatusPhrases: Record<SmsLanguage, Record<ClaimStatus, string>> = {
  nl: {
    submitted: 'is ingediend. We houden je per SMS op de hoogte.',
    'in-review': 'wordt nagekeken door de coordinator.',
    'sent-to-insurer': 'is naar de verzekeraar gestuurd.',
    settled: 'is afgehandeld door de verzekeraar.',
    rejected: 'is afgewezen. De coordinator neemt contact met je op.',
  },
  fr: {
    submitted: 'a ete introduite. Nous vous tiendrons informe par SMS.',
    'in-review': 'est examinee par le coordinateur.',
    'sent-to-insurer': "a ete envoyee a l'assureur.",
    settled: "a ete reglee par l'assureur.",
    rejected: 'a ete refusee. Le coordinateur vous contactera.',
  },
  en: {
    submitted: 'has been filed. We will keep you informed by SMS.',
    'in-review': 'is being reviewed by the coordinator.',
    'sent-to-insurer': 'has been sent to the insurer.',
    settled: 'has been settled by the insurer.',
    rejected: 'has been rejected. The coordinator will contact you.',
  },
};

/** To the claimant, each time their claim reaches a status (the filing included); no reason or detail, only the news. */
export const renderClaimStatusSms = (
  language: SmsLanguage,
  input: { claimId: string; status: ClaimStatus },
): string => `${claimStatusPrefixes[language](input.claimId)}${claimStatusPhrases[language][input.status]}`;

/** What became of a request whose lifecycle step failed for good, as the coordinator needs to hear it. */
export const LIFECYCLE_FAILURE_OUTCOMES = ['continues', 'closed', 'not-stood-down'] as const;
export type LifecycleFailureOutcome = (typeof LIFECYCLE_FAILURE_OUTCOMES)[number];

const lifecycleFailureTemplates: Record<
  SmsLanguage,
  { prefix: (municipality: string, title: string) => string } & Record<LifecycleFailureOutcome, string>
> = {
  nl: {
    prefix: (m, title) => `Rode Kruis 24/7: storing bij hulpvraag ${m}: ${title}. `,
    continues: 'Oproepen mogelijk onvolledig, de vraag blijft open. Volg op in de tool.',
    closed: 'De vraag is afgesloten, wie JA zei krijgt een afmelding.',
    'not-stood-down': 'Afmelding niet verstuurd: bel wie JA zei.',
  },
  fr: {
    prefix: (m, title) => `Croix-Rouge 24/7: panne pour la demande ${m}: ${title}. `,
    continues: 'Appels peut-etre incomplets, la demande reste ouverte. Suivez dans l outil.',
    closed: 'Demande cloturee, ceux qui ont dit JA recoivent une fin de mission.',
    'not-stood-down': 'Fin de mission non envoyee: appelez ceux qui ont dit JA.',
  },
  en: {
    prefix: (m, title) => `Red Cross 24/7: failure on help request ${m}: ${title}. `,
    continues: 'Call-outs may be incomplete; the request stays open. Follow up in the tool.',
    closed: 'The request is closed; those who said JA get a stand-down.',
    'not-stood-down': 'Stand-down not sent: call those who said JA.',
  },
};

/** To the on-duty coordinator when a lifecycle step failed after its retries and the recovery path took over. */
export const renderLifecycleFailureSms = (
  language: SmsLanguage,
  input: AboutRequest & { municipality: string; title: string; outcome: LifecycleFailureOutcome },
): string => {
  const template = lifecycleFailureTemplates[language];
  return withTitle(
    (title) =>
      marked(
        language,
        input,
      )(`${template.prefix(toGsm7(input.municipality), title)}${template[input.outcome]}`),
    input.title,
  );
};

const rosterExhaustedTemplates: Record<
  SmsLanguage,
  (i: { municipality: string; title: string; levels: number }) => string
> = {
  nl: (i) =>
    `Rode Kruis: niemand van de wachtdienst bevestigde hulpvraag ${i.municipality}: ${i.title} (${i.levels ? `${i.levels} pers., 2 rondes` : 'wachtdienst leeg'}). Volg op.`,
  fr: (i) =>
    `Croix-Rouge: personne de la permanence n a confirme la demande ${i.municipality}: ${i.title} (${i.levels ? `${i.levels} pers., 2 tours` : 'permanence vide'}). A suivre.`,
  en: (i) =>
    `Red Cross: nobody on the duty roster acknowledged help request ${i.municipality}: ${i.title} (${i.levels ? `${i.levels} people, 2 rounds` : 'roster empty'}). Please follow up.`,
};

/** To the crisis centre when nobody on the duty roster acknowledged a request in two rounds (or nobody is on it). */
export const renderRosterExhaustedSms = (
  language: SmsLanguage,
  input: AboutRequest & { municipality: string; title: string; levels: number },
): string =>
  withTitle(
    (title) =>
      marked(
        language,
        input,
      )(rosterExhaustedTemplates[language]({ ...input, municipality: toGsm7(input.municipality), title })),
    input.title,
  );
