/**
 * The staff member's (counsellor's) pages, for the centre they are signed in for and no other:
 * "Min dag", recording a held conversation in one grouped form (appended atomically: the
 * conversation and everything the citizen said in it, or nothing), a conversation that did not
 * take place, making an offer, free times, the centre's offers in numbers, and finding a citizen
 * of the centre by the reference the citizen gives.
 *
 * Commands are built as the API's routes build them (src/api/routes/journeys.ts, calendars.ts):
 * the same facts, ids derived from the form's idempotency key with the same labels. What staff
 * record as said by the citizen names the held conversation (`sessionId`), so the journey decider
 * treats it as the citizen's word told in that conversation, never above the citizen's own.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ProcessStep } from '../../commands/handler.js';
import { proposeSessionTime } from '../../commands/sessions.js';
import { calendarDecider, type CalendarCommand } from '../../domain/calendar/decide.js';
import { journeyDecider, type JourneyCommand, offerInSessionOpen } from '../../domain/journey/decide.js';
import { CENTRE_OFFER_KINDS, type CentreOfferKind, type Channel, type OfferRef } from '../../domain/journey/journey.js';
import { referencePrefix } from '../../domain/journey/reference.js';
import { coerciveTermsIn } from '../../domain/shared/coercion.js';
import { CoerciveWording, type DomainError, InvalidValue, RuleViolation } from '../../domain/shared/errors.js';
import { derivedId } from '../../ids.js';
import { staffSlots } from '../../projections/calendars/queries.js';
import { SEARCH_LIMIT_MAX, searchCatalogue } from '../../projections/catalogue/queries.js';
import { citizenRecords, consentRegister, counsellorDay, journeyReaderOf, offerDashboard } from '../../projections/journeys/queries.js';
import { citizenSessions, citizensByReference, heldTimes, openOffers, referencesOf, type StaffCitizen, type StaffSession, staffCitizen, staffSession } from '../../projections/journeys/staff-queries.js';
import { formCommandContext, isRefusal } from '../command.js';
import type { Html } from '../html.js';
import { type FieldError, IDEMPOTENCY_FIELD } from '../components.js';
import { badRequestPage } from '../pages/errors.js';
import { citizenPage, dashboardPage, dayPage, findPage, referenceError } from '../pages/staff.js';
import { copenhagenClockOf, copenhagenDateOf, copenhagenInstant, copenhagenToday, parseDate, staffRefusal } from '../pages/staff-parts.js';
import {
  alreadyRecordedPage,
  ANSWER_FIELD,
  bookedAnswers,
  CATALOGUE_CHOICE,
  type CatalogueChoice,
  checkOffer,
  type ConsentInForce,
  checkRecord,
  DECLINED,
  notHeldPage,
  type OfferAnswers,
  OFFERS_SECTION,
  offerPage,
  type RecordAnswers,
  recordAnswersOf,
  recordPage,
  startedAtRangeError,
  WITHDRAWALS_FIELD,
} from '../pages/staff-record.js';
import { checkProposal, checkTimes, emptyTimes, type ProposalAnswers, proposalPage, SLOTS_SECTION, type TimesAnswers, timesPage } from '../pages/staff-times.js';
import { seeOther, sendPage } from '../request.js';
import { PERSON_ID } from '../session.js';
import { asCentreRole, attempt, fieldOf, hide, isUuid, notFound as notFoundFor, queryOf, textOf, valuesOf, type WebArea, type WebOptions } from './shared.js';

const sessionParams = z.object({ sessionId: z.string() }).loose();
const citizenParams = z.object({ citizenId: z.string() }).loose();
const slotParams = z.object({ slotId: z.string() }).loose();
const bodyKeys = (body: unknown) => Object.keys(z.record(z.string(), z.unknown()).safeParse(body).data ?? {});

type JourneyStep = ProcessStep<unknown, JourneyCommand>;
type CalendarStep = ProcessStep<unknown, CalendarCommand>;
/** A booked (or held) conversation: its time, length and channel are set. */
type Booked = StaffSession & { start: string; durationMinutes: number; channel: Channel };
const isBooked = (s: StaffSession): s is Booked => s.start !== null && s.durationMinutes !== null && s.channel !== null;

const isCentreKind = (kind: string): kind is CentreOfferKind => (CENTRE_OFFER_KINDS as readonly string[]).includes(kind);

export const staffArea: WebArea = {
  segments: ['medarbejder'],
  register(app: FastifyInstance, options: WebOptions) {
    const { database, commands, vault, sessionKey } = options;
    const db = database.db;

    /** A staff member's page, for the centre they are signed in for; without one it is not theirs. */
    const asStaff = async (request: FastifyRequest, reply: FastifyReply) => {
      const signed = await asCentreRole(request, reply, sessionKey, ['staff']);
      return signed ? { ...signed, staffId: signed.principal.id } : null;
    };
    type Me = NonNullable<Awaited<ReturnType<typeof asStaff>>>;
    const notFound = (reply: FastifyReply, me: Me) => notFoundFor(reply, me.context);

    /**
     * My held conversations an offer can still be made in: up to 24 hours after each ended (the
     * journey decider's rule, which refuses later ones with session_too_long_ago). One that began
     * less than 24 hours ago surely qualifies; for older ones the records say when it ended.
     */
    async function offerable(me: Me, sessions: readonly { sessionId: string; staffId?: string | null; start: string | null; status: string }[]): Promise<Set<string>> {
      const now = Date.now();
      const held = sessions.filter((s): s is typeof s & { start: string } => s.status === 'held' && s.start !== null && (s.staffId === undefined || s.staffId === me.staffId));
      const open = new Set(held.filter((s) => offerInSessionOpen(s.start, 0, now)).map((s) => s.sessionId));
      const older = held.filter((s) => !open.has(s.sessionId));
      if (older.length === 0) return open;
      const times = await heldTimes(db, me.centreId, older.map((s) => s.sessionId));
      for (const s of older) {
        const time = times.get(s.sessionId);
        if (time && offerInSessionOpen(time.heldAt ?? s.start, time.minutes, now)) open.add(s.sessionId);
      }
      return open;
    }

    /** A conversation booked with me at my centre, and its citizen (still with my centre); else null. */
    async function myConversation(me: Me, params: unknown): Promise<{ session: Booked; citizen: StaffCitizen } | null> {
      const parsed = sessionParams.safeParse(params);
      if (!parsed.success || !isUuid(parsed.data.sessionId)) return null;
      const session = await staffSession(db, me.centreId, parsed.data.sessionId.toLowerCase());
      if (!session || session.staffId !== me.staffId || !isBooked(session)) return null;
      const citizen = await staffCitizen(db, vault, me.centreId, session.citizenId, me.context.lang);
      return citizen ? { session, citizen } : null;
    }

    /** A citizen of my centre, by the id in the path; else null (another centre's citizen is not found). */
    async function myCitizen(me: Me, params: unknown): Promise<StaffCitizen | null> {
      const parsed = citizenParams.safeParse(params);
      if (!parsed.success || !PERSON_ID.test(parsed.data.citizenId)) return null;
      return staffCitizen(db, vault, me.centreId, parsed.data.citizenId, me.context.lang);
    }

    // ---- Min dag ----
    app.get('/medarbejder', hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const today = copenhagenToday(new Date());
      const asked = queryOf(request, 'dato');
      const date = asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? (parseDate(asked) ?? today) : today;
      // The read model behind GET /counsellors/{id}/day: my conversations at my centre that day.
      const sessions = await counsellorDay(db, vault, me.staffId, date, me.centreId, me.context.lang);
      const references = await referencesOf(db, me.centreId, [...new Set(sessions.map((s) => s.citizenId))]);
      const recordedId = queryOf(request, 'registreret');
      const recorded = recordedId && isUuid(recordedId) ? await staffSession(db, me.centreId, recordedId.toLowerCase()) : null;
      const mine = recorded && recorded.staffId === me.staffId ? recorded : null;
      // Just recorded as held, though the read model may not say so yet.
      const canOffer = await offerable(me, [...sessions.filter((s) => s.sessionId !== mine?.sessionId), ...(mine ? [{ ...mine, status: 'held' }] : [])]);
      return sendPage(
        reply,
        200,
        dayPage(me.context, {
          date,
          today,
          sessions,
          references,
          recorded: mine ? { sessionId: mine.sessionId, citizenId: mine.citizenId } : null,
          notHeld: queryOf(request, 'ikkeholdt') === '1',
          offerable: canOffer,
        }),
      );
    });

    // ---- A held conversation, in one grouped form ----
    /** Offers waiting for an answer that the citizen had heard of by the conversation: made before it began. */
    const offersBefore = async (me: Me, session: Booked) =>
      (await openOffers(db, me.centreId, session.citizenId, new Date())).filter((o) => Date.parse(o.madeAt) <= Date.parse(session.start));
    /**
     * The offers the form can have shown: my centre's (not an earlier centre's), made before the
     * conversation began, whatever their answer now (the citizen may have answered since the form
     * was opened: the decider then says so). An answer to any other is not a form of ours.
     */
    const offersBeforeStart = async (me: Me, session: Booked) =>
      (await consentRegister(db, session.citizenId, { centreId: me.centreId, seesEarlier: false })).filter((o) => Date.parse(o.madeAt) <= Date.parse(session.start));
    const offersTheFormShows = async (me: Me, session: Booked) => new Set((await offersBeforeStart(me, session)).map((o) => o.offerId));
    /**
     * The consents in force the citizen may have withdrawn in the conversation: my centre's, to an
     * offer made before it began, not given by the citizen themselves since it began (their own
     * latest word stands; the decider says so for any other case).
     */
    const consentsBefore = async (me: Me, session: Booked): Promise<ConsentInForce[]> =>
      (await offersBeforeStart(me, session)).flatMap((o) => {
        const given = o.history.filter((h) => h.type === 'ConsentGiven').at(-1);
        if (o.answer !== 'consented' || !given) return [];
        const consentedAt = given.receipt?.timestamp ?? given.at;
        const own = (given.consent as { method?: string } | null)?.method === 'self_service';
        return own && Date.parse(consentedAt) >= Date.parse(session.start) ? [] : [{ offerId: o.offerId, kind: o.kind, consentedAt }];
      });
    const recordView = async (me: Me, found: { session: Booked; citizen: StaffCitizen }, answers: RecordAnswers) => ({
      ...found,
      offers: await offersBefore(me, found.session),
      consents: await consentsBefore(me, found.session),
      answers,
    });

    app.get('/medarbejder/samtale/:sessionId', hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const found = await myConversation(me, request.params);
      if (!found || !['booked', 'held', 'not_held'].includes(found.session.status)) return notFound(reply, me);
      if (found.session.status !== 'booked') return sendPage(reply, 200, alreadyRecordedPage(me.context, found.citizen, found.session));
      return sendPage(reply, 200, recordPage(me.context, await recordView(me, found, bookedAnswers(me.context.lang, found.session))));
    });

    app.post('/medarbejder/samtale/:sessionId', hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const found = await myConversation(me, request.params);
      if (!found || !['booked', 'held', 'not_held'].includes(found.session.status)) return notFound(reply, me);
      const { session } = found;
      const { lang } = me.context;
      const body = request.body;
      const answers: RecordAnswers = recordAnswersOf((name) => textOf(body, name), (name) => valuesOf(body, name), bodyKeys(body));
      const checked = checkRecord(lang, answers, session.channel);
      if (checked.impossible) return sendPage(reply, 400, badRequestPage(me.context));
      const shown = await offersTheFormShows(me, session);
      if ([...Object.keys(answers.offerAnswers), ...answers.withdrawals].some((offerId) => !shown.has(offerId))) return sendPage(reply, 400, badRequestPage(me.context));
      const pageAgain = async (errors: readonly FieldError[]): Promise<Html> => {
        const view = await recordView(me, found, answers);
        // An error on an offer the form no longer shows (answered meanwhile) points to the offers' section.
        const onPage = (field: string) =>
          field === WITHDRAWALS_FIELD ? view.consents.length > 0 : !field.startsWith(ANSWER_FIELD) || view.offers.some((o) => `${ANSWER_FIELD}${o.offerId}` === field);
        return recordPage(me.context, view, errors.map((e) => (onPage(e.field) ? e : { ...e, field: OFFERS_SECTION })));
      };
      if (checked.errors.length > 0) return sendPage(reply, 400, await pageAgain(checked.errors));

      // Held at the booked time unless the counsellor changed the clock time shown.
      let heldAt: string | undefined;
      if (checked.startedAt !== copenhagenClockOf(session.start)) {
        const at = copenhagenInstant(copenhagenDateOf(session.start), checked.startedAt);
        if (!at) return sendPage(reply, 400, await pageAgain([startedAtRangeError(lang)]));
        heldAt = at;
      }
      const { durationMinutes, topics, goals, outcomes, outcomeNote, informationGiven, nextSteps, notes } = checked;
      const route = `/medarbejder/samtale/${session.sessionId}`;
      const context = formCommandContext(route, fieldOf(body, IDEMPOTENCY_FIELD), {
        heldAt: heldAt ?? '',
        durationMinutes: String(durationMinutes),
        topics: JSON.stringify(topics),
        goals: JSON.stringify(goals.map((g) => g.text)),
        outcomes: JSON.stringify(outcomes),
        outcomeNote: outcomeNote ?? '',
        answers: JSON.stringify(checked.answers),
        withdrawals: JSON.stringify([...checked.withdrawals].sort()),
        informationGiven: informationGiven ?? '',
        nextSteps: nextSteps ?? '',
        notes: notes ?? '',
      });
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));

      const { sessionId, citizenId } = session;
      const envelope = { citizenId, now: new Date().toISOString(), principal: me.principal };
      const step = (command: JourneyCommand): JourneyStep => ({ decider: journeyDecider, command });
      // As POST …/sessions/:id/held, …/goals, …/outcomes, …/offers/:id/consent and …/decline: the same
      // facts and id labels (a second of a kind gets its number), each naming this conversation.
      const label = (name: string, i: number) => (i === 0 ? name : `${name}:${i + 1}`);
      const steps: JourneyStep[] = [
        step({
          ...envelope,
          type: 'RecordSessionHeld',
          data: { sessionId, ...(heldAt ? { heldAt } : {}), durationMinutes, topics, ...(informationGiven ? { informationGiven } : {}), ...(nextSteps ? { nextSteps } : {}), ...(notes ? { notes } : {}) },
        }),
        ...goals.map((g, i) => step({ ...envelope, type: 'StateGoal', data: { goalId: derivedId(context.commandId, label('goalId', i)), text: g.text, sessionId } })),
        ...outcomes.map((kind, i) => step({ ...envelope, type: 'RecordOutcome', data: { outcomeId: derivedId(context.commandId, label('outcomeId', i)), kind, ...(outcomeNote ? { note: outcomeNote } : {}), sessionId } })),
        ...checked.answers.map(({ offerId, answer }) =>
          answer === DECLINED
            ? step({ ...envelope, type: 'DeclineOffer', data: { offerId, sessionId } })
            : step({ ...envelope, type: 'GiveConsent', data: { offerId, receiptId: derivedId(context.commandId, `receiptId:${offerId}`), method: answer, sessionId } }),
        ),
        // As POST …/offers/:id/withdraw with the conversation named: the citizen's withdrawal, said in this conversation.
        ...checked.withdrawals.map((offerId) => step({ ...envelope, type: 'WithdrawConsent', data: { offerId, sessionId } })),
      ];
      // All of it on the journey's stream, decided in order and appended together, or nothing.
      const refused = await attempt(reply, () => commands.handler.handleTogether(context, me.principal.id, async () => steps), (error) => pageAgain([recordRefusal(lang, error, checked)]));
      if (refused) return refused;
      const date = copenhagenDateOf(session.start);
      return seeOther(reply, `/medarbejder?registreret=${sessionId}${date === copenhagenToday(new Date()) ? '' : `&dato=${date}`}`);
    });

    // ---- A conversation that did not take place ----
    app.get('/medarbejder/samtale/:sessionId/ikke-holdt', hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const found = await myConversation(me, request.params);
      if (!found || !['booked', 'held', 'not_held'].includes(found.session.status)) return notFound(reply, me);
      if (found.session.status !== 'booked') return sendPage(reply, 200, alreadyRecordedPage(me.context, found.citizen, found.session));
      return sendPage(reply, 200, notHeldPage(me.context, found.citizen, found.session));
    });
    app.post('/medarbejder/samtale/:sessionId/ikke-holdt', hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const found = await myConversation(me, request.params);
      if (!found || !['booked', 'held', 'not_held'].includes(found.session.status)) return notFound(reply, me);
      const { session, citizen } = found;
      const context = formCommandContext(`/medarbejder/samtale/${session.sessionId}/ikke-holdt`, fieldOf(request.body, IDEMPOTENCY_FIELD), {});
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      const command = { type: 'RecordSessionNotHeld', citizenId: session.citizenId, now: new Date().toISOString(), principal: me.principal, data: { sessionId: session.sessionId } } as const;
      const refused = await attempt(reply, () => commands.handler.handle(journeyDecider, command, context), (error) => notHeldPage(me.context, citizen, session, [staffRefusal(me.context.lang, error, 'confirm-not-held')]));
      if (refused) return refused;
      const date = copenhagenDateOf(session.start);
      return seeOther(reply, `/medarbejder?ikkeholdt=1${date === copenhagenToday(new Date()) ? '' : `&dato=${date}`}`);
    });

    // ---- A time proposed for a conversation the citizen asked for (only citizens book) ----
    /** A conversation of my centre the citizen asked for and that is not settled yet, and its citizen. */
    async function askedFor(me: Me, params: unknown): Promise<{ session: StaffSession; citizen: StaffCitizen } | null> {
      const parsed = sessionParams.safeParse(params);
      if (!parsed.success || !isUuid(parsed.data.sessionId)) return null;
      const session = await staffSession(db, me.centreId, parsed.data.sessionId.toLowerCase());
      if (!session || (session.status !== 'requested' && session.status !== 'proposed')) return null;
      const citizen = await staffCitizen(db, vault, me.centreId, session.citizenId, me.context.lang);
      return citizen ? { session, citizen } : null;
    }
    const proposalView = (found: { session: StaffSession; citizen: StaffCitizen }, answers: ProposalAnswers) => ({
      sessionId: found.session.sessionId,
      citizen: found.citizen,
      askedChannel: found.session.status === 'requested' ? found.session.channel : null,
      answers,
      back: `/medarbejder/borger/${encodeURIComponent(found.citizen.citizenId)}`,
    });

    app.get('/medarbejder/samtale/:sessionId/foreslaa', hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const found = await askedFor(me, request.params);
      if (!found) return notFound(reply, me);
      const channel = found.session.status === 'requested' && found.session.channel ? found.session.channel : '';
      return sendPage(reply, 200, proposalPage(me.context, proposalView(found, { date: '', time: '', durationMinutes: '45', channel })));
    });
    app.post('/medarbejder/samtale/:sessionId/foreslaa', hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const found = await askedFor(me, request.params);
      if (!found) return notFound(reply, me);
      const body = request.body;
      const { lang } = me.context;
      const answers: ProposalAnswers = { date: textOf(body, 'date') ?? '', time: textOf(body, 'time') ?? '', durationMinutes: textOf(body, 'durationMinutes') ?? '', channel: textOf(body, 'channel') ?? '' };
      const checked = checkProposal(lang, answers);
      if (checked.impossible) return sendPage(reply, 400, badRequestPage(me.context));
      if (checked.errors.length > 0 || !checked.channel) return sendPage(reply, 400, proposalPage(me.context, proposalView(found, answers), checked.errors));
      const { start, durationMinutes, channel } = checked;
      const { sessionId, citizenId } = found.session;
      const context = formCommandContext(`/medarbejder/samtale/${sessionId}/foreslaa`, fieldOf(body, IDEMPOTENCY_FIELD), { start, durationMinutes: String(durationMinutes), channel });
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      // As POST …/sessions/:id/proposal: the centre's hours read by the process, a time ahead.
      const propose = () => proposeSessionTime(commands.handler, commands.facts, { principal: me.principal, citizenId, now: new Date().toISOString() }, { sessionId, start, durationMinutes, channel }, context);
      const refused = await attempt(reply, propose, (error) => proposalPage(me.context, proposalView(found, answers), [staffRefusal(lang, error, 'time')]));
      return refused ?? seeOther(reply, `/medarbejder/borger/${encodeURIComponent(citizenId)}?foreslaaet=1`);
    });

    // ---- A citizen of my centre ----
    app.get('/medarbejder/find', hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const typed = queryOf(request, 'reference');
      if (typed === undefined) return sendPage(reply, 200, findPage(me.context, undefined, null));
      const prefix = referencePrefix(typed);
      if (!prefix) return sendPage(reply, 400, findPage(me.context, typed, null, [referenceError(me.context.lang)]));
      const found = await citizensByReference(db, vault, me.centreId, prefix, me.context.lang);
      // One citizen: straight to them (the usual case); several share the reference only rarely.
      if (found.length === 1) return seeOther(reply, `/medarbejder/borger/${encodeURIComponent(found[0]!.citizenId)}`);
      return sendPage(reply, 200, findPage(me.context, typed, found));
    });

    app.get('/medarbejder/borger/:citizenId', hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const citizen = await myCitizen(me, request.params);
      if (!citizen) return notFound(reply, me);
      // What staff may read of the journey: the read model's own rule.
      let reader;
      try {
        reader = await journeyReaderOf(db, me.principal, citizen.citizenId);
      } catch (error) {
        if (isRefusal(error)) return notFound(reply, me);
        throw error;
      }
      const [sessions, offers, records] = await Promise.all([
        citizenSessions(db, me.centreId, citizen.citizenId),
        consentRegister(db, citizen.citizenId, reader),
        citizenRecords(db, vault, citizen.citizenId, reader, me.context.lang),
      ]);
      const canOffer = await offerable(me, sessions);
      return sendPage(reply, 200, citizenPage(me.context, { citizen, sessions, offers, records, staffId: me.staffId, offered: queryOf(request, 'tilbud') === '1', proposed: queryOf(request, 'foreslaaet') === '1', offerable: canOffer }));
    });

    // ---- An offer, outside a conversation or in one I held ----
    /** The held conversation named by `samtale` (mine, this citizen's), none if not named; false if named and not that. */
    async function heldConversation(me: Me, citizen: StaffCitizen, sessionId: string | undefined): Promise<Booked | null | false> {
      if (sessionId === undefined || sessionId === '') return null;
      if (!isUuid(sessionId)) return false;
      const session = await staffSession(db, me.centreId, sessionId.toLowerCase());
      return session && session.citizenId === citizen.citizenId && session.staffId === me.staffId && session.status === 'held' && isBooked(session) ? session : false;
    }
    /** The centre's offers in the catalogue today (its own and its partners'), as the offer form lists them. */
    const catalogueOf = async (me: Me): Promise<CatalogueChoice[]> => {
      const { offers } = await searchCatalogue(db, { lang: me.context.lang, centreId: me.centreId, today: copenhagenToday(new Date()), limit: SEARCH_LIMIT_MAX, offset: 0 });
      return offers.map((o) => ({ offerId: o.offerId, title: me.context.lang === 'en' && o.titleEn ? o.titleEn : o.title, partnerName: o.partnerName }));
    };
    const offerView = async (me: Me, citizen: StaffCitizen, session: Booked | null, answers: OfferAnswers) => ({
      citizen,
      session,
      waiting: await openOffers(db, me.centreId, citizen.citizenId, new Date()),
      answers,
      catalogue: await catalogueOf(me),
    });

    app.get('/medarbejder/borger/:citizenId/tilbud', hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const citizen = await myCitizen(me, request.params);
      const session = citizen ? await heldConversation(me, citizen, queryOf(request, 'samtale')) : false;
      if (!citizen || session === false) return notFound(reply, me);
      return sendPage(reply, 200, offerPage(me.context, await offerView(me, citizen, session, { kind: '', information: '', answer: '' })));
    });

    app.post('/medarbejder/borger/:citizenId/tilbud', hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const body = request.body;
      const citizen = await myCitizen(me, request.params);
      const session = citizen ? await heldConversation(me, citizen, textOf(body, 'sessionId')) : false;
      if (!citizen || session === false) return notFound(reply, me);
      const { lang } = me.context;
      const answers: OfferAnswers = { kind: textOf(body, 'kind') ?? '', information: textOf(body, 'information') ?? '', answer: textOf(body, 'answer') ?? '' };
      const checked = checkOffer(lang, answers, session ? session.channel : null, answers.kind.startsWith(CATALOGUE_CHOICE) ? await catalogueOf(me) : []);
      if (checked.impossible) return sendPage(reply, 400, badRequestPage(me.context));
      const pageAgain = async (errors: readonly FieldError[]) => offerPage(me.context, await offerView(me, citizen, session, answers), errors);
      if (checked.errors.length > 0 || (!checked.kind && !checked.catalogueOfferId)) return sendPage(reply, 400, await pageAgain(checked.errors));
      const { information, answer } = checked;
      // An offer from the catalogue: what it is, and that it is listed, from its stream and its agreement's at this moment.
      const fact = checked.catalogueOfferId ? await commands.facts.catalogueOfferFact(checked.catalogueOfferId, new Date().toISOString()) : null;
      const offer: OfferRef | null = checked.kind
        ? { source: 'centre', kind: checked.kind }
        : fact && fact.partnerId !== null
          ? { source: 'partner', partnerId: fact.partnerId, catalogueOfferId: fact.catalogueOfferId }
          : fact && isCentreKind(fact.kind)
            ? { source: 'centre', kind: fact.kind, catalogueOfferId: fact.catalogueOfferId }
            : null;
      if (!offer) return sendPage(reply, 400, await pageAgain([staffRefusal(lang, new RuleViolation('catalogue_offer_not_found', 'not in the catalogue'), 'kind')]));
      const context = formCommandContext(`/medarbejder/borger/${citizen.citizenId}/tilbud`, fieldOf(body, IDEMPOTENCY_FIELD), { kind: answers.kind, information, answer: answer ?? '', sessionId: session ? session.sessionId : '' });
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      const envelope = { citizenId: citizen.citizenId, now: new Date().toISOString(), principal: me.principal };
      const inSession = session ? { sessionId: session.sessionId } : {};
      // As POST /journeys/:id/offers (offerId), and …/consent (receiptId) or …/decline for an answer given there and then.
      const offerId = derivedId(context.commandId, 'offerId');
      const steps: JourneyStep[] = [{ decider: journeyDecider, command: { ...envelope, type: 'MakeOffer', data: { offerId, offer, information, ...(fact ? { catalogueOffer: fact } : {}), ...inSession } } }];
      if (session && answer !== undefined) {
        const { sessionId } = session;
        steps.push({
          decider: journeyDecider,
          command:
            answer === DECLINED
              ? { ...envelope, type: 'DeclineOffer', data: { offerId, sessionId } }
              : { ...envelope, type: 'GiveConsent', data: { offerId, receiptId: derivedId(context.commandId, 'receiptId'), method: answer, sessionId } },
        });
      }
      const onAnswer = ['method_does_not_fit_channel', 'session_not_held', 'citizen_answered_since', 'offer_not_made_then'];
      const fieldOfRefusal = (error: DomainError) => (error instanceof CoerciveWording ? 'information' : session && onAnswer.includes(error.code) ? 'answer' : 'kind');
      const refused = await attempt(reply, () => commands.handler.handleTogether(context, me.principal.id, async () => steps), (error) => pageAgain([staffRefusal(lang, error, fieldOfRefusal(error))]));
      return refused ?? seeOther(reply, `/medarbejder/borger/${encodeURIComponent(citizen.citizenId)}?tilbud=1`);
    });

    // ---- Free times ----
    const slotsOf = (me: Me) => staffSlots(db, me.staffId, me.centreId, new Date());

    app.get('/medarbejder/tider', hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const published = Number(queryOf(request, 'lagt') ?? 0);
      return sendPage(
        reply,
        200,
        timesPage(me.context, { slots: await slotsOf(me), answers: emptyTimes, published: Number.isInteger(published) && published > 0 ? published : 0, withdrawn: queryOf(request, 'trukket') === '1' }),
      );
    });

    app.post('/medarbejder/tider', hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const body = request.body;
      const { lang } = me.context;
      const answers: TimesAnswers = {
        date: textOf(body, 'date') ?? '',
        time: textOf(body, 'time') ?? '',
        durationMinutes: textOf(body, 'durationMinutes') ?? '',
        count: textOf(body, 'count') ?? '1',
        channels: valuesOf(body, 'channels'),
        mentoring: valuesOf(body, 'mentoring').includes('yes'),
      };
      const checked = checkTimes(lang, answers);
      if (checked.impossible) return sendPage(reply, 400, badRequestPage(me.context));
      const pageAgain = async (errors: readonly FieldError[]) => timesPage(me.context, { slots: await slotsOf(me), answers, published: 0, withdrawn: false }, errors);
      if (checked.errors.length > 0) return sendPage(reply, 400, await pageAgain(checked.errors));
      const { starts, durationMinutes, channels } = checked;
      const context = formCommandContext('/medarbejder/tider', fieldOf(body, IDEMPOTENCY_FIELD), { starts: JSON.stringify(starts), durationMinutes: String(durationMinutes), channels: JSON.stringify(channels), mentoring: String(answers.mentoring === true) });
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      // As POST /calendars/:staffId/slots: the centre's opening hours as a fact, the id labelled slotId.
      const openingHours = await commands.facts.openingHoursOf(me.centreId);
      const now = new Date().toISOString();
      const steps: CalendarStep[] = starts.map((start, i) => ({
        decider: calendarDecider,
        command: { type: 'PublishAvailability', staffId: me.staffId, now, principal: me.principal, data: { slotId: derivedId(context.commandId, i === 0 ? 'slotId' : `slotId:${i + 1}`), start, durationMinutes, channels, openingHours, mentoring: answers.mentoring === true } },
      }));
      const refused = await attempt(reply, () => commands.handler.handleTogether(context, me.principal.id, async () => steps), (error) =>
        pageAgain([staffRefusal(lang, error, error instanceof InvalidValue && error.field === 'channels' ? 'channels' : 'time')]),
      );
      return refused ?? seeOther(reply, `/medarbejder/tider?lagt=${starts.length}`);
    });

    app.post('/medarbejder/tider/:slotId/traek-tilbage', hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      const parsed = slotParams.safeParse(request.params);
      if (!parsed.success || !isUuid(parsed.data.slotId)) return notFound(reply, me);
      const slotId = parsed.data.slotId.toLowerCase();
      const context = formCommandContext(`/medarbejder/tider/${slotId}/traek-tilbage`, fieldOf(request.body, IDEMPOTENCY_FIELD), {});
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      const withdraw = () => commands.handler.handle(calendarDecider, { type: 'WithdrawAvailability', staffId: me.staffId, now: new Date().toISOString(), principal: me.principal, data: { slotId } }, context);
      const refused = await attempt(reply, withdraw, async (error) => timesPage(me.context, { slots: await slotsOf(me), answers: emptyTimes, published: 0, withdrawn: false }, [staffRefusal(me.context.lang, error, SLOTS_SECTION)]));
      return refused ?? seeOther(reply, '/medarbejder/tider?trukket=1');
    });

    // ---- The centre's offers in numbers ----
    app.get('/medarbejder/tilbudsoversigt', hide, async (request, reply) => {
      const me = await asStaff(request, reply);
      if (!me) return reply;
      return sendPage(reply, 200, dashboardPage(me.context, await offerDashboard(db, me.centreId, new Date())));
    });
  },
};

/**
 * A refusal of the grouped form, on the field it concerns: words of coercion on the text that holds
 * them (the decider names the command's field; the form may hold that field twice, as goals do),
 * a time out of range on the clock time, an offer's answer on its radios.
 */
function recordRefusal(lang: Parameters<typeof staffRefusal>[0], error: DomainError, checked: Extract<ReturnType<typeof checkRecord>, { impossible: false }>): FieldError {
  if (error instanceof CoerciveWording) {
    const field =
      error.field === 'text'
        ? (checked.goals.find((g) => coerciveTermsIn(g.text).length > 0)?.field ?? 'goal1')
        : error.field === 'note'
          ? 'outcomeNote'
          : error.field.startsWith('topics')
            ? 'topics'
            : error.field;
    return staffRefusal(lang, error, field);
  }
  if (error instanceof InvalidValue && error.field === 'heldAt') return startedAtRangeError(lang);
  const offerId = error.details.offerId;
  if (typeof offerId === 'string') return staffRefusal(lang, error, checked.withdrawals.includes(offerId) ? WITHDRAWALS_FIELD : `${ANSWER_FIELD}${offerId}`);
  return staffRefusal(lang, error, 'startedAt');
}
