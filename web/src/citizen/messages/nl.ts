/** The citizen's page in Dutch: the shape every other language follows. */
export const nl = {
  documentTitle: (title: string) => `Help mee: ${title}`,
  languages: 'Taal',
  loading: 'De oproep wordt geladen…',
  intro: (municipality: string) =>
    `Het Rode Kruis zoekt vrijwilligers in ${municipality}. Laat je gegevens achter: je krijgt een sms als je kan helpen.`,
  adultsOnly: 'De taken van deze hulpvraag zijn alleen voor volwassenen (18+).',
  name: 'Naam en voornaam',
  birthDate: 'Geboortedatum',
  birthDateHint: 'Je moet minstens 16 jaar zijn.',
  phone: 'Gsm-nummer',
  phoneHint: 'Bijvoorbeeld 0470 12 34 56. Hier krijg je de sms op.',
  smsLanguage: 'In welke taal wil je de sms?',
  consentTitle: 'Toestemming',
  consentText:
    'Het Rode Kruis gebruikt je naam, geboortedatum en gsm-nummer alleen om je voor deze hulpvraag op te roepen en je te verzekeren als je ter plaatse bent. Veertien dagen na het einde van de hulpvraag wissen we alles.',
  consent: 'Ik ga akkoord',
  privacyNotice: 'Lees de volledige privacyverklaring',
  privacyText: [
    'Wie: het Rode Kruis-Vlaanderen en de gemeente van deze hulpvraag verwerken je gegevens samen.',
    'Wat: je naam, geboortedatum, gsm-nummer en taal, je antwoorden per sms en of je ter plaatse was.',
    'Waarom: om je voor deze ene hulpvraag op te roepen en om je te verzekeren terwijl je helpt (burgerlijke aansprakelijkheid en lichamelijke ongevallen).',
    'Hoelang: veertien dagen na het einde van de hulpvraag wissen we alles over jou; alleen anonieme tellingen blijven. De sms-provider bewaart afleveringsgegevens beperkt, zoals de wet het vraagt.',
    'Je rechten: je kan je gegevens inkijken, laten verbeteren of wissen. Antwoord STOP op onze sms en je krijgt niets meer over deze hulpvraag.',
  ],
  parentalConsent: 'Een ouder of voogd is akkoord dat ik help',
  parentalConsentHint: 'Omdat je 16 of 17 bent, vragen we de toestemming van een ouder of voogd.',
  submit: 'Registreer me',
  submitting: 'Bezig met versturen…',
  errorSummary: 'Er is een probleem',
  errorPrefix: 'Fout',
  errors: {
    name: 'Vul je naam in.',
    birthDate: 'Vul je geboortedatum in, bijvoorbeeld 17-09-1983.',
    minimumAge: 'Je moet minstens 16 jaar zijn om je te registreren.',
    phone:
      'Vul een gsm-nummer in uit België, Nederland, Frankrijk, Duitsland of Luxemburg, bijvoorbeeld 0470 12 34 56.',
    consent: 'Vink aan dat je akkoord gaat om je te registreren.',
    parentalConsent: 'Een ouder of voogd moet akkoord gaan omdat je 16 of 17 bent.',
    language: 'Kies de taal van je sms.',
  },
  tooBusy:
    'Er registreren zich nu heel veel mensen. Je gegevens zijn niet verstuurd: probeer het over een minuut opnieuw.',
  offline:
    'Je gegevens zijn niet verstuurd: er is geen verbinding. Controleer je netwerk en probeer opnieuw.',
  failed: 'Er ging iets mis bij ons. Je gegevens zijn niet verstuurd: probeer het over een minuut opnieuw.',
  unverified:
    'Je gegevens zijn niet verstuurd: we konden niet nagaan dat deze browser geen robot is (een adblocker of een zwakke verbinding kan dat tegenhouden). Probeer opnieuw, of open de link in een andere browser.',
  doneTitle: 'Bedankt, je bent geregistreerd',
  doneAlerted: (phone: string) =>
    `Je krijgt zo meteen een sms van het Rode Kruis op ${phone} met een code. Antwoord JA en de code als je kan komen, NEE en de code als je niet kan.`,
  doneRegistered:
    'De taken van deze hulpvraag zijn alleen voor volwassenen: we roepen je hiervoor niet op. Bedankt dat je wilde helpen.',
  doneStop: 'Wil je geen sms meer over deze hulpvraag? Antwoord STOP.',
  doneNext: 'Ga pas ter plaatse als de coördinator je dat vraagt: dan ben je verzekerd.',
  closedTitle: 'Deze oproep is afgelopen',
  closedText: (title: string, municipality: string) =>
    `De hulpvraag „${title}” in ${municipality} is afgesloten: er zijn geen vrijwilligers meer nodig. Bedankt dat je wilde helpen.`,
  fullTitle: 'Er zijn genoeg vrijwilligers',
  fullText: 'Voor deze hulpvraag hebben zich genoeg mensen geregistreerd. Bedankt dat je wilde helpen.',
  unknownTitle: 'Deze oproep bestaat niet (meer)',
  unknownText:
    'Controleer de link. Een oproep verdwijnt veertien dagen nadat de hulpvraag is afgesloten, samen met alle gegevens.',
  unavailableTitle: 'De pagina kan niet laden',
  unavailableText: 'We kunnen de oproep nu niet ophalen. Controleer je verbinding en probeer opnieuw.',
  retry: 'Opnieuw proberen',
};

export type CitizenMessages = typeof nl;
