/**
 * What staff record "as told by the citizen" never outranks the citizen's own word: the rules of
 * held conversations, conversation time, authorship, channel fit, and staff-written wording.
 */
import { describe, expect, it } from 'vitest';
import { given } from '../../../test/support/given.js';
import { coerciveTermsIn } from '../shared/coercion.js';
import { CoerciveWording, Conflict, Forbidden, InvalidValue, NotFound, RuleViolation } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { type JourneyCommand, journeyDecider } from './decide.js';
import type { Channel, JourneyEvent, OfferRef } from './journey.js';

const centreId = 'c0000000-0000-7000-8000-000000000001';
const newCentreId = 'c0000000-0000-7000-8000-000000000009';
const citizenId = 'b0000000-0000-7000-8000-000000000001';
const citizen: Principal = { id: citizenId, role: 'citizen' };
const staff: Principal = { id: 's-1', role: 'staff', centreId };
const colleague: Principal = { id: 's-3', role: 'staff', centreId };
const coaching: OfferRef = { source: 'centre', kind: 'coaching' };
const at = (iso: string) => iso;
const conversationStart = '2026-11-20T09:00:00.000Z';
const now = '2026-11-23T10:00:00.000Z';

const cmd = <T extends JourneyCommand['type']>(type: T, data: Extract<JourneyCommand, { type: T }>['data'], principal: Principal = citizen, when = now) =>
  ({ type, data, principal, now: when, citizenId }) as Extract<JourneyCommand, { type: T }>;

const started: JourneyEvent = { type: 'JourneyStarted', data: { journeyId: 'j1', citizenId, centreId, firstContact: 'phone', alias: null, startedBy: 'staff' } };
const booked = (channel: Channel, sessionId = 'sess-1', start = conversationStart): JourneyEvent => ({
  type: 'SessionBooked',
  data: { sessionId, staffId: 's-1', start, durationMinutes: 45, channel, bookedBy: 'citizen' },
});
const held = (channel: Channel, sessionId = 'sess-1', heldAt = conversationStart): JourneyEvent => ({
  type: 'SessionHeld',
  data: { sessionId, staffId: 's-1', channel, heldAt, durationMinutes: 40, topics: [], informationGiven: null, nextSteps: null, notes: null },
});
const offered: JourneyEvent = { type: 'OfferMade', data: { offerId: 'offer-1', offer: coaching, information: 'Coaching', staffId: 's-1', atCitizensRequest: false, at: '2026-11-19T09:00:00.000Z' } };
/** The citizen's own yes, in self-service. */
const ownConsent = (when: string): JourneyEvent => ({
  type: 'ConsentGiven',
  data: {
    offerId: 'offer-1',
    consent: { method: 'self_service' },
    receipt: { receiptId: 'r0', version: 'KI-CR-v1.1.0', timestamp: when, jurisdiction: 'DK', collectionMethod: 'self_service', controller: { name: 'Virkelyst', centreId }, purpose: 'p', dataCategories: [], howToWithdraw: 'w' },
  },
});
const ownDecline = (when: string): JourneyEvent => ({ type: 'OfferDeclined', data: { offerId: 'offer-1', consent: { method: 'self_service' }, reason: null, at: when } });
const heldCommand = (data: Partial<Extract<JourneyCommand, { type: 'RecordSessionHeld' }>['data']> = {}, p = staff, when = now) =>
  cmd('RecordSessionHeld', { sessionId: 'sess-1', durationMinutes: 40, topics: [], ...data }, p, when);

describe('a conversation is recorded as held', () => {
  it('only once its booked start has passed', () => {
    given(journeyDecider, [started, booked('phone')]).when(heldCommand({}, staff, '2026-11-20T08:59:00.000Z')).thenError(RuleViolation, 'session_not_begun');
    given(journeyDecider, [started, booked('phone')]).when(heldCommand({}, staff, '2026-11-20T09:00:00.000Z')).then([expect.objectContaining({ type: 'SessionHeld' }) as never]);
  });

  it('with when it took place: the booked start, or a stated time in the past, never before the booked start', () => {
    const [event] = journeyDecider.decide(heldCommand(), [started, booked('phone')].reduce(journeyDecider.evolve, journeyDecider.initialState));
    expect(event).toMatchObject({ data: { heldAt: conversationStart } });
    const [late] = journeyDecider.decide(heldCommand({ heldAt: '2026-11-20T09:20:00.000Z' }), [started, booked('phone')].reduce(journeyDecider.evolve, journeyDecider.initialState));
    expect(late).toMatchObject({ data: { heldAt: '2026-11-20T09:20:00.000Z' } });
    given(journeyDecider, [started, booked('phone')]).when(heldCommand({ heldAt: '2026-11-23T10:05:00.000Z' })).thenError(InvalidValue, 'invalid_value', { field: 'heldAt' });
    given(journeyDecider, [started, booked('phone')]).when(heldCommand({ heldAt: '2026-11-20T08:00:00.000Z' })).thenError(InvalidValue, 'invalid_value', { field: 'heldAt' });
  });

  it('by the staff member it was booked with, and no one else', () => {
    given(journeyDecider, [started, booked('phone')]).when(heldCommand({}, colleague)).thenError(Forbidden);
  });
});

describe('only the staff member who held a conversation records what was said in it', () => {
  it('a colleague naming someone else’s conversation is refused', () => {
    const history = [started, booked('phone'), held('phone'), offered];
    for (const command of [
      cmd('GiveConsent', { offerId: 'offer-1', receiptId: 'r', sessionId: 'sess-1' }, colleague),
      cmd('DeclineOffer', { offerId: 'offer-1', sessionId: 'sess-1' }, colleague),
      cmd('AskForOffer', { offer: coaching, sessionId: 'sess-1' }, colleague),
      cmd('StateGoal', { goalId: 'g', text: 'Job', sessionId: 'sess-1' }, colleague),
      cmd('RecordOutcome', { outcomeId: 'o', kind: 'job', sessionId: 'sess-1' }, colleague),
    ]) {
      given(journeyDecider, history).when(command).thenError(Forbidden);
    }
  });
});

describe('what staff record as told by the citizen takes the conversation’s time, and the citizen’s own latest word wins', () => {
  it('a consent from a conversation carries the conversation’s time on its receipt', () => {
    const [event] = journeyDecider.decide(
      cmd('GiveConsent', { offerId: 'offer-1', receiptId: 'r', sessionId: 'sess-1' }, staff),
      [started, booked('phone'), held('phone'), offered].reduce(journeyDecider.evolve, journeyDecider.initialState),
    );
    expect(event).toMatchObject({ type: 'ConsentGiven', data: { receipt: { timestamp: conversationStart }, consent: { method: 'verbal_in_session', sessionId: 'sess-1' } } });
  });

  it('a decline in self-service after the conversation can never be overwritten by a consent claimed from it', () => {
    const history = [started, booked('phone'), held('phone'), offered, ownDecline(at('2026-11-21T12:00:00.000Z'))];
    given(journeyDecider, history).when(cmd('GiveConsent', { offerId: 'offer-1', receiptId: 'r', sessionId: 'sess-1' }, staff)).thenError(RuleViolation, 'citizen_answered_since');
    // An answer the citizen gave before that conversation may be changed by what they said in it.
    const before = [started, offered, ownDecline(at('2026-11-19T12:00:00.000Z')), booked('phone'), held('phone')];
    given(journeyDecider, before).when(cmd('GiveConsent', { offerId: 'offer-1', receiptId: 'r', sessionId: 'sess-1' }, staff)).then([expect.objectContaining({ type: 'ConsentGiven' }) as never]);
  });

  it('a withdrawal in self-service is not undone, nor a self-service consent withdrawn, from an earlier conversation', () => {
    const consent = ownConsent('2026-11-21T12:00:00.000Z');
    const history = [started, booked('phone'), held('phone'), offered, consent];
    given(journeyDecider, history).when(cmd('WithdrawConsent', { offerId: 'offer-1', sessionId: 'sess-1' }, staff)).thenError(RuleViolation, 'citizen_answered_since');
    const withdrawn: JourneyEvent = { type: 'ConsentWithdrawn', data: { offerId: 'offer-1', consent: { method: 'self_service' }, at: '2026-11-22T12:00:00.000Z' } };
    given(journeyDecider, [...history, withdrawn]).when(cmd('GiveConsent', { offerId: 'offer-1', receiptId: 'r', sessionId: 'sess-1' }, staff)).thenError(RuleViolation, 'citizen_answered_since');
  });

  it('an ask recorded from a conversation before a decline does not lift the 30 quiet days', () => {
    const history = [started, booked('phone'), held('phone'), offered, ownDecline(at('2026-11-21T12:00:00.000Z'))];
    const [ask] = journeyDecider.decide(cmd('AskForOffer', { offer: coaching, sessionId: 'sess-1' }, staff), history.reduce(journeyDecider.evolve, journeyDecider.initialState));
    expect(ask).toMatchObject({ data: { at: conversationStart } });
    given(journeyDecider, [...history, ask!]).when(cmd('MakeOffer', { offerId: 'offer-2', offer: coaching, information: 'Coaching' }, staff)).thenError(RuleViolation, 'recently_declined');
  });
});

describe('the way an answer is recorded fits the conversation’s channel', () => {
  it('a signature needs an in-person conversation; verbal fits phone, video and in person; chat is written', () => {
    const consent = (sessionId: string, method?: 'signed_in_person' | 'verbal_in_session' | 'written_in_chat') =>
      cmd('GiveConsent', { offerId: 'offer-1', receiptId: 'r', sessionId, ...(method ? { method } : {}) }, staff);
    const after = (channel: Channel) => [started, booked(channel), held(channel), offered];
    given(journeyDecider, after('phone')).when(consent('sess-1', 'signed_in_person')).thenError(RuleViolation, 'method_does_not_fit_channel');
    given(journeyDecider, after('video')).when(consent('sess-1', 'signed_in_person')).thenError(RuleViolation, 'method_does_not_fit_channel');
    given(journeyDecider, after('chat')).when(consent('sess-1', 'verbal_in_session')).thenError(RuleViolation, 'method_does_not_fit_channel');
    for (const channel of ['phone', 'video', 'in_person_centre', 'in_person_home'] as const) {
      given(journeyDecider, after(channel)).when(consent('sess-1', 'verbal_in_session')).then([expect.objectContaining({ type: 'ConsentGiven' }) as never]);
    }
    given(journeyDecider, after('in_person_home')).when(consent('sess-1', 'signed_in_person')).then([expect.objectContaining({ type: 'ConsentGiven' }) as never]);
    const [chat] = journeyDecider.decide(cmd('DeclineOffer', { offerId: 'offer-1', sessionId: 'sess-1' }, staff), after('chat').reduce(journeyDecider.evolve, journeyDecider.initialState));
    expect(chat).toMatchObject({ data: { consent: { method: 'written_in_chat' } } });
  });
});

describe('staff neither propose a past time nor repeat an unanswered offer', () => {
  it('a proposal is for a time in the future', () => {
    const requested: JourneyEvent = { type: 'SessionRequested', data: { sessionId: 'sess-5', channel: 'phone', wishes: null } };
    given(journeyDecider, [started, requested])
      .when(cmd('ProposeSessionTime', { sessionId: 'sess-5', start: '2026-11-23T09:00:00.000Z', durationMinutes: 30, channel: 'phone', openingHours: null }, staff))
      .thenError(InvalidValue, 'invalid_value', { field: 'start' });
  });

  it('the same offer is not made again while the first waits for an answer; once answered or lapsed it may be', () => {
    const again = (when = now) => cmd('MakeOffer', { offerId: 'offer-2', offer: coaching, information: 'Coaching' }, staff, when);
    given(journeyDecider, [started, offered]).when(again()).thenError(Conflict, 'offer_unanswered');
    given(journeyDecider, [started, offered]).when(again('2027-01-30T10:00:00.000Z')).then([expect.objectContaining({ type: 'OfferMade' }) as never]);
    const other: OfferRef = { source: 'centre', kind: 'workshop' };
    given(journeyDecider, [started, offered]).when(cmd('MakeOffer', { offerId: 'offer-3', offer: other, information: 'Workshop' }, staff)).then([expect.objectContaining({ type: 'OfferMade' }) as never]);
  });
});

describe('staff-written text never speaks of benefits, sanctions, duties or consequences', () => {
  it('finds the declared words, also in compounds, capitals and with invisible characters, and leaves everyday phrases alone', () => {
    expect(coerciveTermsIn('Husk: mødepligt, ellers SANKTION af din ydelse')).toEqual(['sanktion', 'ydelse', 'pligt']);
    expect(coerciveTermsIn('Dagpenge\u00ADsanktion')).toEqual(['sanktion', 'dagpenge']);
    expect(coerciveTermsIn('du skal møde op kl. 9')).toEqual(['skal møde']);
    expect(coerciveTermsIn('Mandatory attendance, or consequences')).toEqual(['mandatory', 'consequence']);
    expect(coerciveTermsIn('Vi stiller et kontor til rådighed; jeg har tavshedspligten.')).toEqual([]);
    expect(coerciveTermsIn('Du skal stå til rådighed for arbejdsmarkedet')).toEqual(['rådighed']);
    expect(coerciveTermsIn('Coaching hver tirsdag; du kan stoppe når som helst.')).toEqual([]);
  });

  it('is not slipped past by spelling: look-alike letters, spacing, punctuation, combining marks, ASCII spellings', () => {
    for (const [text, term] of [
      ['s\u0430nktion', 'sanktion'], // Cyrillic а
      ['s a n k t i o n', 'sanktion'],
      ['sank-tion', 'sanktion'],
      ['dag.penge', 'dagpenge'],
      ['s\u0332a\u0332n\u0332k\u0332t\u0332i\u0332o\u0332n\u0332', 'sanktion'],
      ['sa\u200Dnk\u2800tion', 'sanktion'],
      ['raadighed', 'rådighed'],
      ['kontanthjaelp', 'kontanthjælp'],
      ['du skal moede op', 'skal møde'],
      ['Du skal stå til rådighed for at tage et job', 'rådighed'],
      ['tavshedspligtsanktion', 'sanktion'],
    ] as const) {
      expect(coerciveTermsIn(text), text).toContain(term);
    }
    expect(coerciveTermsIn('Vi skal mødes kl. 10')).toEqual([]);
    expect(coerciveTermsIn('Kontoret stilles til rådighed')).toEqual([]);
  });

  it('finds compulsion, deadlines, sanctions and losing money in Danish and English, as the review wrote them', () => {
    for (const [text, terms] of [
      ['Du skal deltage i forløbet. Fristen er fredag.', ['frist', 'skal deltage']],
      ['Deltagelse er påkrævet, og det er et krav fra kommunen.', ['påkrævet', 'krav']],
      ['Deltagelsen er tvunget.', ['tvungen']],
      ['Hvis du udebliver, stopper udbetalingen af din hjælp.', ['udeblive', 'udbetaling']],
      ['Du mister din understøttelse, hvis du siger nej.', ['mister din', 'understøttelse']],
      ['Du får en straf, hvis du ikke kommer.', ['straf']],
      ['Senest mandag skal du have søgt 5 jobs.', ['senest']],
      ['Du skal mødes med os hver uge.', ['skal mødes']],
      ['Du er nødt til at tage imod tilbuddet.', ['nødt til']],
      ['Attendance is required. You have to come by Friday, otherwise your payments stop.', ['required', 'have to', 'otherwise', 'payments stop']],
      // And their neighbours.
      ['Svar senest 5.3.2027.', ['senest']],
      ['Ansøgningsfristen er 1. marts.', ['frist']],
      ['Hver uge skal du mødes med din mentor.', ['skal mødes']],
      ['Vi forventer, at du kommer hver uge.', ['forventer, at du']],
      ['Det er krævet af alle.', ['krævet']],
      ['You must come on Monday.', ['must']],
      ['You are obliged to attend.', ['obliged']],
      ['You will lose your allowance.', ['lose your']],
      ['Reply no later than Friday.', ['no later than']],
      ['Deltagelsen er t-v-u-n-g-e-n.', ['tvungen']],
    ] as const) {
      expect(coerciveTermsIn(text), text).toEqual(terms);
    }
  });

  it('finds ties to benefit status, reports to a benefit authority, the availability duty, registration as a condition, summons and deadlines (a second review)', () => {
    for (const [text, terms] of [
      // Eligibility tied to benefit status.
      ['Kun for ledige.', ['kun for ledige']],
      ['Tilbuddet er kun for ledige borgere.', ['kun for ledige']],
      ['Kun for dagpengemodtagere.', ['dagpenge', 'kun for ledige']],
      ['Kun for kontanthjælpsmodtagere.', ['kontanthjælp', 'kun for ledige']],
      ['Kun for langtidsledige over 30 år.', ['kun for ledige']],
      ['Tilbuddet er forbeholdt ledige.', ['kun for ledige']],
      ['Gælder kun ledige.', ['kun for ledige']],
      ['Kun for dig, der er ledig.', ['kun for ledige']],
      ['Kun hvis du er ledig.', ['kun for ledige']],
      ['Udelukkende for aktivitetsparate.', ['kun for ledige']],
      ['Kun for modtagere af kontanthjælp.', ['kontanthjælp', 'kun for ledige']],
      ['Kun for borgere på overførselsindkomst.', ['kun for ledige']],
      ['Tilbuddet retter sig kun mod ledige.', ['kun for ledige']],
      ['KUN FOR LEDIGE', ['kun for ledige']],
      ['Kun for l e d i g e.', ['kun for ledige']],
      // Reporting the citizen to a benefit authority.
      ['Dit fravær indberettes til din a-kasse.', ['indberettes til a-kassen', 'fremmøde registreres']],
      ['Det indberettes til a-kassen.', ['indberettes til a-kassen']],
      ['Indberettes til din A\u2011kasse.', // a non-breaking hyphen
      ['indberettes til a-kassen']],
      ['Vi indberetter det til din akasse.', ['indberettes til a-kassen']],
      ['Vi giver besked til a-kassen.', ['giver besked til a-kassen']],
      ['Vi giver a-kassen besked, hvis du ikke kommer.', ['giver besked til a-kassen']],
      ['Vi vil give besked til din a-kasse.', ['giver besked til a-kassen']],
      ['Udeblivelse meldes til jobcentret.', ['udeblive', 'meldes til jobcentret']],
      ['Det meldes til job-centret.', ['meldes til jobcentret']],
      ['A-kassen får besked, hvis du ikke kommer.', ['giver besked til a-kassen']],
      ['Jobcentret bliver orienteret.', ['giver besked til a-kassen']],
      ['Vi orienterer jobcentret om dit fremmøde.', ['giver besked til a-kassen']],
      ['Din sagsbehandler får besked.', ['giver besked til a-kassen']],
      ['A-kassen orienteres, hvis du udebliver.', ['udeblive', 'giver besked til a-kassen']],
      ['Du bliver meldt til a-kassen.', ['meldes til jobcentret']],
      ['Hvis du ikke kommer, sendes det til a-kassen.', ['giver besked til a-kassen']],
      ['Hvis du ikke kommer, kontakter vi din a-kasse.', ['giver besked til a-kassen']],
      ['Vi sender et referat af samtalen til jobcentret.', ['giver besked til a-kassen']],
      // The availability duty.
      ['Du skal stå til rådighed for arbejdsmarkedet.', ['rådighed']],
      ['Du skal stå til arbejdsmarkedets rådighed.', ['rådighed']],
      ['Du skal være disponibel for arbejdsmarkedet.', ['disponibel for arbejdsmarkedet']],
      ['Du skal kunne tage et job med dags varsel.', ['disponibel for arbejdsmarkedet']],
      // Registration and benefit status as a condition.
      ['Tilmeldt som ledig.', ['tilmeldt som ledig']],
      ['Du skal være tilmeldt som ledig.', ['tilmeldt som ledig']],
      ['Du skal være tilmeldt som l\u0435dig.', // Cyrillic е
      ['tilmeldt som ledig']],
      ['Du skal være tilmeldt som arbejdssøgende.', ['tilmeldt som ledig']],
      ['Du skal være tilmeldt jobcentret.', ['tilmeldt som ledig']],
      ['Husk at melde dig ledig.', ['tilmeldt som ledig']],
      ['Du skal være ledigmeldt.', ['skal være ledig', 'ledigmeldt']],
      ['Du skal være ledig for at deltage.', ['skal være ledig']],
      ['For at deltage skal du være ledig.', ['skal være ledig']],
      ['Det kræver, at du er ledig.', ['skal være ledig']],
      ['Du skal have været ledig i seks måneder.', ['skal være ledig']],
      ['Du skal være aktivt jobsøgende.', ['skal være ledig']],
      ['Du skal være medlem af en a-kasse.', ['medlem af en a-kasse']],
      ['Tilbuddet kræver medlemskab af en a-kasse.', ['medlem af en a-kasse']],
      // Summons, attendance kept track of, sanctions, compulsion and deadlines.
      ['Som ledig skal du møde op hver mandag.', ['skal møde']],
      ['Ledige skal deltage i forløbet.', ['skal deltage']],
      ['Du kaldes ind til samtale.', ['kaldes ind']],
      ['Vi kalder dig ind til et møde.', ['kaldes ind']],
      ['Du bedes møde op mandag kl. 9.', ['du bedes møde']],
      ['Du skal indfinde dig i huset.', ['indfinde sig']],
      ['Manglende fremmøde kan få betydning for din sag.', ['manglende fremmøde', 'betydning for din sag']],
      ['Vi registrerer dit fremmøde.', ['fremmøde registreres']],
      ['Jobcentret kan se, om du kommer.', ['fremmøde registreres']],
      ['Hvis du udebliver uden gyldig grund, stopper hjælpen.', ['udeblive', 'uden gyldig grund']],
      ['Ellers mister du retten til hjælp.', ['mister din']],
      ['Din hjælp kan blive stoppet.', ['din hjælp stopper']],
      ['Du bliver trukket i din hjælp.', ['trækkes i din hjælp']],
      ['Det kan påvirke din sag.', ['betydning for din sag']],
      ['Deltagelse er en betingelse for at få hjælp.', ['betingelse for hjælp']],
      ['Du skal tage imod tilbuddet.', ['skal tage imod']],
      ['Du kan ikke sige nej til tilbuddet.', ['kan ikke sige nej']],
      ['Du har ikke lov til at melde dig fra.', ['kan ikke sige nej']],
      ['Tilmeldingen er bindende.', ['bindende tilmelding']],
      ['Du har fået tildelt en tid mandag.', ['tildelt en tid']],
      ['Du skal tage det job, vi anviser.', ['anvist arbejde']],
      ['Du kan få karantæne.', ['karantæne']],
      ['Svar inden fredag.', ['svar inden']],
      ['Tilmeld dig inden 1. marts.', ['svar inden']],
      ['Svar venligst inden for 14 dage.', ['svar inden']],
      ['Du har 14 dage til at svare.', ['svar inden']],
      ['Du har indtil fredag til at svare.', ['svar inden']],
      ['Sidste dag for tilmelding er 3. maj.', ['svar inden']],
      ['Nytteindsats hver mandag.', ['aktivering']],
      ['Husk at opdatere din joblog.', ['joblog']],
      ['Du har et jobsøgningskrav.', ['jobsøgningskrav']],
      // And in English.
      ['Your absence will be reported to your unemployment fund.', ['reported to your unemployment fund', 'attendance is recorded']],
      ['It will be reported to your a-kasse.', ['reported to your unemployment fund']],
      ['We will notify the job centre.', ['notify the job centre']],
      ['Your a-kasse will be notified.', ['notify the job centre']],
      ['If you do not come, we will contact your a-kasse.', ['notify the job centre']],
      ['We share your attendance with the job centre.', ['attendance is recorded']],
      ['Only for people on benefits.', ['benefit', 'only for the unemployed']],
      ['Only for the unemployed.', ['only for the unemployed']],
      ['For the unemployed only.', ['only for the unemployed']],
      ['Open only to people who are unemployed.', ['only for the unemployed']],
      ['You need to be unemployed to take part.', ['only for the unemployed']],
      ['You must be available for work.', ['must', 'available for work']],
      ['You need to be available for work.', ['available for work']],
      ['Registered as unemployed.', ['registered as unemployed']],
      ['You need to be registered as unemployed.', ['registered as unemployed']],
      ['You have to be registered as a jobseeker.', ['have to', 'registered as unemployed']],
      ['You must be registered with the job centre.', ['must', 'registered as unemployed']],
      ['You are expected to attend every week.', ['expected to']],
      ['You will be called in for a meeting.', ['called in']],
      ['Failure to attend will be reported.', ['failure to attend']],
      ['If you decline without a good reason, your allowance will be cut.', ['without good reason', 'payments stop']],
      ['This will affect your payments.', ['affect your case']],
      ['This is an offer you can’t refuse.', ['cannot say no']],
      ['You are not allowed to say no.', ['cannot say no']],
      ['Registration is binding.', ['bindende tilmelding']],
      ['Reply by Friday.', ['reply by']],
      ['Sign up before the 5th.', ['reply by']],
      ['Please reply within 14 days.', ['reply by']],
      ['You have until Friday to reply.', ['reply by']],
    ] as const) {
      expect(coerciveTermsIn(text), text).toEqual(terms);
    }
  });

  it('leaves a mention of an a-kasse, of being out of work or of benefits alone, and saying that nothing is required, reported or kept track of', () => {
    for (const text of [
      // As the review wrote them.
      'Vi hjælper dig med at tale med din a-kasse, hvis du vil.',
      'Kurset er for alle, også ledige.',
      'Til dig der er ledig og vil prøve noget nyt.',
      'Du kan melde dig til og fra når du vil.',
      'Information om dagpenge fra a-kassen.',
      'Workshop for people between jobs.',
      'Kursets krav til forkundskaber: ingen.',
      // Their neighbours: a mention is no condition.
      'Informationsmøde om dagpenge med din a-kasse.',
      'Café for jobsøgende.',
      'Du er velkommen, uanset hvor længe du har været ledig.',
      'Kom som du er – ledig eller i job.',
      'Open to everyone: employed, unemployed, students and retired.',
      'A workshop for jobseekers and anyone who wants a change.',
      'Just for you, unemployed or not.',
      'Only 10 seats, open to all including the unemployed.',
      'No experience required; if you are unemployed, you are welcome too.',
      'It doesn’t matter how long you have been unemployed.',
      'Skriv til os, hvis du vil høre mere om a-kassen.',
      'Du kan få svar på spørgsmål om a-kassen hos din a-kasse.',
      'Tilmeld dig a-kassens informationsmøde, hvis du vil.',
      'Meld dig til kommunens motionsløb, hvis du har lyst.',
      'Du kan selv tale med din sagsbehandler, hvis du vil.',
      'Vi kan hjælpe dig med at give besked til din a-kasse, hvis du selv ønsker det.',
      'Vi sender dig gerne videre til jobcentret, hvis du selv vil.',
      'You can contact your a-kasse yourself if you want to.',
      // "Ledig" as vacant or free.
      'Vi har kun ledige pladser om tirsdagen.',
      'Der er kun 3 ledige pladser tilbage.',
      'Jeg er kun ledig om tirsdagen, men vi kan tale i telefon.',
      'Jobformidling: vi hjælper dig med at finde ledige stillinger.',
      // Saying that it is not only for some, not required, not reported, not kept track of.
      'Ikke kun for ledige – alle er velkomne.',
      'Huset er for alle, ikke kun for dig, der er ledig.',
      'Not only for the unemployed: everyone is welcome.',
      'Du behøver ikke at være tilmeldt som ledig for at deltage.',
      'Uanset om du er tilmeldt som ledig eller ej, er du velkommen.',
      'Du kan deltage, selvom du ikke er meldt ledig.',
      'Det er ikke et krav, at du er tilmeldt som ledig.',
      'Det kræver ikke, at du er ledig.',
      'Der er ingen krav til dig.',
      'Der er ingen betingelser, og det er ikke en forudsætning, at du er ledig.',
      'Whether or not you are registered as unemployed, you are welcome.',
      'You do not have to be registered as unemployed.',
      'You don’t need to be registered as a jobseeker.',
      'Vi giver ikke besked til a-kassen eller jobcentret.',
      'Vi meddeler ikke a-kassen noget.',
      'Vi orienterer om jobcentret og a-kassen.',
      'Vi indberetter aldrig noget til a-kassen.',
      'Vi melder intet til jobcentret, og a-kassen får ikke besked.',
      'Der går ingen besked til a-kassen, hvis du siger nej.',
      'A-kassen får ikke besked, og jobcentret får aldrig at vide, om du kommer.',
      'We never notify the job centre or your a-kasse.',
      'Your a-kasse is not informed, and we do not report anything to the job centre.',
      'Vi deler aldrig dit fremmøde med jobcentret.',
      'Jobcentret kan ikke se, om du kommer.',
      'The job centre cannot see whether you attend.',
      'Vi registrerer ikke dit fremmøde.',
      'Fremmødet tælles som et antal, aldrig hvem der kom.',
      'Attendance is counted as a number only.',
      'Det har ingen betydning for din hjælp, om du siger ja eller nej.',
      'Det vil ikke påvirke din sag.',
      'This won’t affect your case.',
      'Din støtte stopper aldrig, fordi du siger nej.',
      'Vi mødes hver tirsdag; tilmelding er ikke bindende, og du kan altid melde fra.',
      'Du har lov til at sige nej.',
      'You are allowed to say no at any time.',
      'Du kan ikke sige noget forkert her.',
      // Everyday words near the new ones.
      'Hjælp til bogføring og indberetning af moms.',
      'Hjælp til at stoppe med at ryge.',
      'Hjælp til at beholde dit job.',
      'You can withdraw your consent at any time.',
      'Office space available for work on your own business.',
      'Du får tildelt en mentor, hvis du ønsker det.',
      'Mødet er fastlagt til tirsdag kl. 10.',
      'Vi svarer dig inden for to dage.',
      'Du får svar inden fredag.',
      'We will reply by Monday.',
      'We reply within two working days.',
      'Du har to uger til at prøve det af, og du kan altid stoppe.',
      'Du har indflydelse på din egen plan.',
      'Aftalen er bindende for partneren.',
      'Det kan ikke afvises, at det regner på turen.',
      'Julemarked med boder og gløgg.',
      'Vi søger job sammen hver uge i jobklubben.',
    ]) {
      expect(coerciveTermsIn(text), text).toEqual([]);
    }
  });

  it('leaves ordinary, voluntary offer texts alone, in Danish and English', () => {
    for (const text of [
      'Du kan deltage, hvis du har lyst.',
      'Praktikken varer fire uger; du bestemmer selv.',
      'Vi mødes, når det passer dig.',
      // "krav" alone is too broad: prerequisites, and the citizen's own demands of a job.
      'Kursets krav til forkundskaber: ingen.',
      'Dine egne krav til et nyt job: kort vej og faste timer.',
      'Det er ikke et krav; du bestemmer selv.',
      'Der kræves ingen forkundskaber.',
      'Vi skal mødes kl. 10.',
      'Du er ikke nødt til at svare nu, og det har ingen betydning, hvis du siger nej.',
      'Jeg var nødt til at flytte tiden til onsdag.',
      'Det er fristende at prøve noget nyt – du kan altid stoppe igen.',
      'Du mister ikke noget ved at sige nej tak.',
      'Du skal være velkommen til at tage en ven med.',
      'Hvad forventer du af forløbet?',
      'Til praktikken i en børnehave bruges en børneattest og en straffeattest.',
      'Hjælp til bogføring og betaling af moms i din egen virksomhed.',
      'Workshoppen er tirsdag kl. 10 i kantinen; kom, hvis du har lyst.',
      'Vi ses igen senest, når du har lyst.',
      'Fire ugers praktik hos en tømrer i Valby, hvis du har lyst.',
      'You can take part if you like.',
      'The internship lasts four weeks; you decide.',
      'We meet when it suits you.',
      'You do not have to decide now, and nothing follows if you say no.',
      'You don’t have to come; it is up to you.',
      'No experience required.',
      'Attendance is not required.',
      'Help with invoices and payments for your own business.',
      'If you like, we could meet again next week.',
    ]) {
      expect(coerciveTermsIn(text), text).toEqual([]);
    }
  });

  it('refuses each of them in an offer, in what a held conversation records and in next steps', () => {
    for (const text of [
      'Du skal deltage i forløbet. Fristen er fredag.',
      'Du er nødt til at tage imod tilbuddet.',
      'Attendance is required. You have to come by Friday, otherwise your payments stop.',
      'Kun for ledige.',
      'Hvis du ikke kommer, giver vi besked til din a-kasse.',
      'Only for the unemployed; we will notify the job centre.',
    ]) {
      given(journeyDecider, [started]).when(cmd('MakeOffer', { offerId: 'o', offer: coaching, information: text }, staff)).thenError(CoerciveWording, 'coercive_wording', { field: 'information' });
      given(journeyDecider, [started, booked('phone')]).when(heldCommand({ nextSteps: text })).thenError(CoerciveWording, 'coercive_wording', { field: 'nextSteps' });
      given(journeyDecider, [started, booked('phone')]).when(heldCommand({ informationGiven: text })).thenError(CoerciveWording, 'coercive_wording', { field: 'informationGiven' });
    }
    given(journeyDecider, [started]).when(cmd('MakeOffer', { offerId: 'o', offer: coaching, information: 'Du kan deltage, hvis du har lyst.' }, staff)).then([expect.objectContaining({ type: 'OfferMade' }) as never]);
    given(journeyDecider, [started]).when(cmd('MakeOffer', { offerId: 'o', offer: coaching, information: 'Information om dagpenge fra a-kassen; vi hjælper dig med at tale med din a-kasse, hvis du vil.' }, staff)).then([expect.objectContaining({ type: 'OfferMade' }) as never]);
  });

  it('refuses an offer, notes of a held conversation and what staff record for the citizen, naming the field and the words', () => {
    given(journeyDecider, [started]).when(cmd('MakeOffer', { offerId: 'o', offer: coaching, information: 'Deltag, ellers bortfalder din ydelse' }, staff)).thenError(CoerciveWording, 'coercive_wording', {
      field: 'information',
      terms: 'ydelse, bortfald',
    });
    given(journeyDecider, [started, booked('phone')]).when(heldCommand({ notes: 'Informeret om rådighedspligt' })).thenError(CoerciveWording, 'coercive_wording', { field: 'notes' });
    given(journeyDecider, [started, booked('phone')]).when(heldCommand({ topics: ['drømme', 'sanktioner'] })).thenError(CoerciveWording, 'coercive_wording', { field: 'topics.1' });
    const history = [started, booked('phone'), held('phone')];
    given(journeyDecider, history).when(cmd('RecordOutcome', { outcomeId: 'o', kind: 'job', note: 'Job, ellers sanktion', sessionId: 'sess-1' }, staff)).thenError(CoerciveWording);
    // The citizen's own words are theirs: a citizen may write about anything.
    given(journeyDecider, [started]).when(cmd('StateGoal', { goalId: 'g', text: 'Jeg vil ikke længere være på kontanthjælp' })).then([expect.objectContaining({ type: 'GoalStated' }) as never]);
  });
});

describe('a citizen who moves to another centre', () => {
  it('shares their earlier history with the new centre only if they choose to', () => {
    const closed: JourneyEvent = { type: 'JourneyClosed', data: { journeyId: 'j1' } };
    const moved: JourneyEvent = { type: 'JourneyStarted', data: { journeyId: 'j2', citizenId, centreId: newCentreId, firstContact: 'self_service', alias: null, startedBy: 'citizen' } };
    given(journeyDecider, [started, closed, moved]).when(cmd('ShareHistory', {})).then([{ type: 'JourneyHistoryShared', data: { journeyId: 'j2', centreId: newCentreId } }]);
    given(journeyDecider, [started, closed, moved]).when(cmd('ShareHistory', {}, { id: 's-9', role: 'staff', centreId: newCentreId })).thenError(Forbidden);
    // Nothing earlier to share: nothing is recorded.
    given(journeyDecider, [started]).when(cmd('ShareHistory', {})).thenNothing();
  });
});

describe('closing the ways around the citizen’s own word (found in an adversarial review)', () => {
  it('a conversation counts from its booked start: stating a later start does not let staff overrule a decline given since', () => {
    // Booked for Friday 10:00; the citizen declines themselves on Saturday; staff say it "began" on Sunday.
    const history = [started, offered, booked('in_person_home'), ownDecline('2026-11-21T12:00:00.000Z'), held('in_person_home', 'sess-1', '2026-11-22T09:00:00.000Z')];
    given(journeyDecider, history).when(cmd('GiveConsent', { offerId: 'offer-1', receiptId: 'r', sessionId: 'sess-1', method: 'signed_in_person' }, staff)).thenError(RuleViolation, 'citizen_answered_since');
    const [ask] = journeyDecider.decide(cmd('AskForOffer', { offer: coaching, sessionId: 'sess-1' }, staff), history.reduce(journeyDecider.evolve, journeyDecider.initialState));
    expect(ask).toMatchObject({ data: { at: conversationStart } });
  });

  it('an answer is only to an offer made before the conversation, or in it', () => {
    const lateOffer: JourneyEvent = { type: 'OfferMade', data: { offerId: 'offer-1', offer: coaching, information: 'Coaching', staffId: 's-1', atCitizensRequest: false, at: '2026-11-22T09:00:00.000Z' } };
    given(journeyDecider, [started, booked('phone'), held('phone'), lateOffer]).when(cmd('GiveConsent', { offerId: 'offer-1', receiptId: 'r', sessionId: 'sess-1' }, staff)).thenError(RuleViolation, 'offer_not_made_then');
    // Made in that conversation (recorded afterwards, naming it): its answer may be recorded from it.
    const soonAfter = '2026-11-20T14:00:00.000Z';
    const [made] = journeyDecider.decide(
      cmd('MakeOffer', { offerId: 'offer-1', offer: coaching, information: 'Coaching', sessionId: 'sess-1' }, staff, soonAfter),
      [started, booked('phone'), held('phone')].reduce(journeyDecider.evolve, journeyDecider.initialState),
    );
    expect(made).toMatchObject({ data: { sessionId: 'sess-1' } });
    given(journeyDecider, [started, booked('phone'), held('phone'), made!]).when(cmd('GiveConsent', { offerId: 'offer-1', receiptId: 'r', sessionId: 'sess-1' }, staff)).then([expect.objectContaining({ type: 'ConsentGiven' }) as never]);
    // Naming a conversation someone else held, or none held, is refused.
    given(journeyDecider, [started, booked('phone'), held('phone')]).when(cmd('MakeOffer', { offerId: 'o', offer: coaching, information: 'C', sessionId: 'sess-1' }, colleague)).thenError(Forbidden);
  });

  it('a proposed time that has passed cannot be confirmed', () => {
    const requested: JourneyEvent = { type: 'SessionRequested', data: { sessionId: 'sess-5', channel: 'phone', wishes: null } };
    const proposed: JourneyEvent = { type: 'SessionTimeProposed', data: { sessionId: 'sess-5', staffId: 's-1', start: '2026-11-23T09:00:00.000Z', durationMinutes: 30, channel: 'phone' } };
    given(journeyDecider, [started, requested, proposed]).when(cmd('ConfirmSessionTime', { sessionId: 'sess-5' })).thenError(Conflict, 'proposal_passed');
  });

  it('only the booked staff member records a conversation as not held, and only once it has begun', () => {
    given(journeyDecider, [started, booked('phone')]).when(cmd('RecordSessionNotHeld', { sessionId: 'sess-1' }, colleague)).thenError(Forbidden);
    const future = booked('phone', 'sess-7', '2026-11-30T09:00:00.000Z');
    given(journeyDecider, [started, future]).when(cmd('RecordSessionNotHeld', { sessionId: 'sess-7' }, staff)).thenError(RuleViolation, 'session_not_begun');
    given(journeyDecider, [started, booked('phone')]).when(cmd('RecordSessionNotHeld', { sessionId: 'sess-1' })).then([{ type: 'SessionNotHeld', data: { sessionId: 'sess-1' } }]);
  });

  it('a withdrawal is a no: the same offer waits 30 days unless the citizen asks', () => {
    const consent = ownConsent('2026-11-21T12:00:00.000Z');
    const withdrawn: JourneyEvent = { type: 'ConsentWithdrawn', data: { offerId: 'offer-1', consent: { method: 'self_service' }, at: '2026-11-22T12:00:00.000Z' } };
    given(journeyDecider, [started, offered, consent, withdrawn]).when(cmd('MakeOffer', { offerId: 'offer-2', offer: coaching, information: 'Coaching' }, staff)).thenError(RuleViolation, 'recently_declined');
  });

  it('an offer is made “in” a held conversation only within 24 hours of its end, never put into an old one', () => {
    // Held Friday 09:00 for 40 minutes: it ended 09:40.
    const history = [started, booked('phone'), held('phone')];
    const inIt = (when: string) => cmd('MakeOffer', { offerId: 'offer-9', offer: coaching, information: 'Coaching', sessionId: 'sess-1' }, staff, when);
    given(journeyDecider, history).when(inIt('2026-11-21T09:40:00.000Z')).then([expect.objectContaining({ type: 'OfferMade', data: expect.objectContaining({ sessionId: 'sess-1' }) }) as never]);
    given(journeyDecider, history).when(inIt('2026-11-21T09:41:00.000Z')).thenError(RuleViolation, 'session_too_long_ago', { sessionId: 'sess-1' });
    // The window runs from when it ended as recorded: a conversation that began later ends later.
    const late = [started, booked('phone'), held('phone', 'sess-1', '2026-11-20T10:00:00.000Z')];
    given(journeyDecider, late).when(inIt('2026-11-21T10:30:00.000Z')).then([expect.objectContaining({ type: 'OfferMade' }) as never]);
    // Outside a conversation an offer may be made at any time.
    given(journeyDecider, history).when(cmd('MakeOffer', { offerId: 'offer-9', offer: coaching, information: 'Coaching' }, staff)).then([expect.objectContaining({ type: 'OfferMade' }) as never]);
  });

  it('the review’s case: a new offer put into a conversation 90 days old, with a consent dated then, after the citizen’s own later no', () => {
    const day = (n: number) => new Date(Date.parse(now) + n * 24 * 3600_000).toISOString();
    const old = [
      started,
      { ...offered, data: { ...offered.data, at: day(-98) } } as JourneyEvent,
      booked('in_person_home', 'sess-1', day(-90)),
      held('in_person_home', 'sess-1', day(-90)),
      ownDecline(day(-40)),
    ];
    given(journeyDecider, old).when(cmd('MakeOffer', { offerId: 'offer-2', offer: coaching, information: 'Coaching om tirsdagen', sessionId: 'sess-1' }, staff)).thenError(RuleViolation, 'session_too_long_ago');
  });

  it('an answer staff record from a conversation never outranks the citizen’s own answer, given since, to an offer of the same kind', () => {
    // The citizen declined coaching (offer-1) themselves after the conversation began; a second
    // coaching offer made in that conversation cannot carry a yes from it.
    const inIt: JourneyEvent = { type: 'OfferMade', data: { offerId: 'offer-2', offer: coaching, information: 'Coaching', staffId: 's-1', atCitizensRequest: false, at: '2026-11-20T09:30:00.000Z', sessionId: 'sess-1' } };
    const history = [started, offered, booked('phone'), held('phone'), inIt, ownDecline('2026-11-20T09:20:00.000Z')];
    given(journeyDecider, history).when(cmd('GiveConsent', { offerId: 'offer-2', receiptId: 'r', sessionId: 'sess-1' }, staff)).thenError(RuleViolation, 'citizen_answered_since', { offerId: 'offer-2' });
    given(journeyDecider, history).when(cmd('DeclineOffer', { offerId: 'offer-2', sessionId: 'sess-1' }, staff)).thenError(RuleViolation, 'citizen_answered_since');
    // The citizen's own answer stands for them: they answer the second offer themselves as they like.
    given(journeyDecider, history).when(cmd('GiveConsent', { offerId: 'offer-2', receiptId: 'r' })).then([expect.objectContaining({ type: 'ConsentGiven' }) as never]);
    // An answer of theirs to another kind does not stand in the way.
    const workshop: JourneyEvent = { type: 'OfferMade', data: { ...inIt.data, offerId: 'offer-3', offer: { source: 'centre', kind: 'workshop' } } } as JourneyEvent;
    given(journeyDecider, [...history, workshop]).when(cmd('GiveConsent', { offerId: 'offer-3', receiptId: 'r', sessionId: 'sess-1' }, staff)).then([expect.objectContaining({ type: 'ConsentGiven' }) as never]);
    // And their answer before the conversation began may be changed by what they said in it.
    const before = [started, offered, ownDecline('2026-11-19T12:00:00.000Z'), booked('phone'), held('phone'), inIt];
    given(journeyDecider, before).when(cmd('GiveConsent', { offerId: 'offer-2', receiptId: 'r', sessionId: 'sess-1' }, staff)).then([expect.objectContaining({ type: 'ConsentGiven' }) as never]);
  });

  it('staff answer only offers made at the journey’s present centre: not one carried over from an earlier centre', () => {
    const closed: JourneyEvent = { type: 'JourneyClosed', data: { journeyId: 'j1' } };
    const moved: JourneyEvent = { type: 'JourneyStarted', data: { journeyId: 'j2', citizenId, centreId: newCentreId, firstContact: 'self_service', alias: null, startedBy: 'citizen' } };
    const there: Principal = { id: 's-1', role: 'staff', centreId: newCentreId };
    // offer-1 was made at the first centre; the conversation is at the new one.
    const history = [started, offered, closed, moved, booked('in_person_home', 'sess-2', conversationStart), held('in_person_home', 'sess-2')];
    for (const command of [
      cmd('GiveConsent', { offerId: 'offer-1', receiptId: 'r', sessionId: 'sess-2' }, there),
      cmd('DeclineOffer', { offerId: 'offer-1', sessionId: 'sess-2' }, there),
    ]) {
      given(journeyDecider, history).when(command).thenError(NotFound, 'offer_not_found', { offerId: 'offer-1' });
    }
    // The same conversation, an offer the new centre made: answered from it as usual.
    const ours: JourneyEvent = { type: 'OfferMade', data: { ...offered.data, offerId: 'offer-5', offer: { source: 'centre', kind: 'workshop' }, staffId: 's-1' } } as JourneyEvent;
    given(journeyDecider, [...history.slice(0, 4), ours, ...history.slice(4)]).when(cmd('GiveConsent', { offerId: 'offer-5', receiptId: 'r', sessionId: 'sess-2' }, there)).then([expect.objectContaining({ type: 'ConsentGiven' }) as never]);
    // The citizen answers the earlier centre's offer themselves.
    given(journeyDecider, history).when(cmd('DeclineOffer', { offerId: 'offer-1' })).then([expect.objectContaining({ type: 'OfferDeclined' }) as never]);
    // Back at the first centre, its staff answer it again (the offer kept where it was made).
    const back: JourneyEvent = { ...started, data: { ...started.data, journeyId: 'j3' } } as JourneyEvent;
    const home = [started, offered, closed, moved, { type: 'JourneyClosed', data: { journeyId: 'j2' } } as JourneyEvent, back, booked('phone', 'sess-3', conversationStart), held('phone', 'sess-3')];
    given(journeyDecider, home).when(cmd('GiveConsent', { offerId: 'offer-1', receiptId: 'r', sessionId: 'sess-3' }, staff)).then([expect.objectContaining({ type: 'ConsentGiven' }) as never]);
  });

  it('an alias staff give is staff-written text too', () => {
    given(journeyDecider).when(cmd('StartJourney', { journeyId: 'j', centreId, firstContact: 'phone', alias: 'Sanktioneret', centreKnown: true }, staff)).thenError(CoerciveWording, 'coercive_wording', { field: 'alias' });
  });
});
