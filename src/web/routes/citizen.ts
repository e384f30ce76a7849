/**
 * The citizen's own pages: "Mine sider" (an overview of their journey), the first step (start a
 * journey at a centre: one question, then "Tjek dine svar"; never a question about eligibility),
 * booking, moving and cancelling a conversation, goals in their own words (state, revise, drop),
 * offers (Ja tak / Nej tak / Ikke nu), consents with their receipts and withdrawal (consents to share
 * data with a partner too: their referrals come from the catalogue's area), the WHO-5
 * well-being questions for those who want to answer them, closing the journey, and everything
 * recorded about them, readable and as a download, each with every receipt the citizen was given
 * (to offers and to sharing with partners).
 *
 * Every command goes through the command path as the API's route for it does, with the same facts
 * and the same derived ids; the form's idempotency key is the command id, so a double submit
 * records once. Refusals come back as the form with the error summary, in the citizen's words.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { bookSession, cancelSession, moveSession } from '../../commands/sessions.js';
import { journeyDecider, type JourneyCommand } from '../../domain/journey/decide.js';
import { CHANNELS, type Channel, GOAL_CATEGORIES, type ConsentReceipt } from '../../domain/journey/journey.js';
import { journeyReference } from '../../domain/journey/reference.js';
import { derivedId } from '../../ids.js';
import { receiptShown } from '../../i18n/receipts.js';
import { bookableFor, openTimeCounts, openTimesAt, publishedTimeAt } from '../../projections/calendars/citizen-queries.js';
import { type CentreView, getCentre, listCentres } from '../../projections/centres/queries.js';
import {
  citizenBookedSession,
  citizenBookedSessions,
  citizenGoals,
  citizenJourney,
  citizenOffers,
  citizenRecords,
  consentRegister,
  journeyReaderOf,
} from '../../projections/journeys/queries.js';
import type { CommandContext } from '../../commands/handler.js';
import { formCommandContext, refusalOf } from '../command.js';
import { type FieldError, IDEMPOTENCY_FIELD } from '../components.js';
import type { Html } from '../html.js';
import type { Message } from '../i18n.js';
import {
  checkStartPage,
  chooseCentrePage,
  closeJourneyPage,
  dropGoalPage,
  goalErrors,
  goalPage,
  MINE_NOTICES,
  minePage,
  recordsPage,
  reviseGoalPage,
  type GoalAnswers,
} from '../pages/citizen.js';
import {
  BOOKING_PATH,
  type BookingDraft,
  bookingErrors,
  cancelSessionPage,
  centreChannels,
  channelPage,
  checkBookingPage,
  DATE_PICKER_EN_PATH,
  DATE_PICKER_EN_SCRIPT,
  dayError,
  dayOf,
  dayPage,
  draftQuery,
  parseDay,
  timePage,
} from '../pages/citizen-booking.js';
import { type ConsentView, consentsPage, type SharingConsentView, sharingReceiptShown, withdrawPage, withdrawSharingPage } from '../pages/citizen-consents.js';
import { CATALOGUE_REFUSALS } from '../pages/catalogue-parts.js';
import { copenhagenToday } from '../pages/staff-parts.js';
import { catalogueOfferById, partnerById } from '../../projections/catalogue/queries.js';
import { sharingsOfCitizen } from '../../projections/referrals/queries.js';
import { answerNoPage, answerYesPage, isOpenOffer, notNowPage, offersPage, reasonError } from '../pages/citizen-offers.js';
import { answersOf, checkWellBeingPage, missingErrors, scoresOf, WELLBEING_PATH, wellBeingPage } from '../pages/citizen-wellbeing.js';
import { BOOKING_REFUSALS, CITIZEN_REFUSALS, citizenRefusal, refusedPage, WITHDRAW_REFUSALS } from '../pages/citizen-parts.js';
import { badRequestPage, notFoundPage } from '../pages/errors.js';
import { seeOther, sendPage } from '../request.js';
import { asRole, attempt, fieldOf, hide, isUuid, queryOf, textOf, uuidLike, type WebArea, type WebOptions } from './shared.js';

const centreChoice = z.object({ centreId: z.string() }).loose();
const goalForm = z.object({ text: z.string().optional(), category: z.string().optional() }).loose();

const channelOf = (value: string | undefined): Channel | undefined => CHANNELS.find((c) => c === value);
const idParam = (request: FastifyRequest, name: string): string | null => {
  const value = textOf(request.params, name);
  return value !== undefined && isUuid(value) ? value.toLowerCase() : null;
};

/** A goal form's answers as typed (text and category, when they are strings). */
function goalAnswers(body: unknown): GoalAnswers {
  const form = goalForm.safeParse(body);
  const typed = form.success ? form.data : {};
  return { ...(typeof typed.text === 'string' ? { text: typed.text } : {}), ...(typeof typed.category === 'string' ? { category: typed.category } : {}) };
}

export const citizenArea: WebArea = {
  segments: ['mine-sider'],
  register(app: FastifyInstance, options: WebOptions) {
    const { database, commands, vault, sessionKey } = options;
    const db = database.db;
    const { handler, facts } = commands;

    /** A citizen's page: others are sent to sign in (signed out) or told it is not theirs. */
    const asCitizen = async (request: FastifyRequest, reply: FastifyReply) => {
      const signed = await asRole(request, reply, sessionKey, ['citizen']);
      return signed ? { ...signed, citizenId: signed.principal.id } : null;
    };
    type Me = NonNullable<Awaited<ReturnType<typeof asCitizen>>>;

    /** The citizen's open journey and its centre, or null (no journey, or a closed one). */
    const openJourney = async (citizenId: string) => {
      const journey = await citizenJourney(db, citizenId);
      const centre = journey?.open ? await getCentre(db, journey.centreId) : null;
      return journey && centre ? { journey, centre } : null;
    };

    /** The names of the centres, for offers and receipts from any centre the citizen was with (null: not known). */
    const centreNamesOrNull = async () => {
      const names = new Map((await listCentres(db)).map((c) => [c.centreId, c.name] as const));
      return (centreId: string) => names.get(centreId) ?? null;
    };
    /** The same, with a dash for a centre no longer known, for the pages. */
    const centreNames = async () => {
      const name = await centreNamesOrNull();
      return (centreId: string) => name(centreId) ?? '–';
    };

    /** A journey command as the citizen's own (now, their principal). */
    const journeyCommand = <T extends JourneyCommand['type']>(me: Me, type: T, data: Extract<JourneyCommand, { type: T }>['data']) =>
      ({ type, citizenId: me.citizenId, now: new Date().toISOString(), principal: me.principal, data }) as Extract<JourneyCommand, { type: T }>;

    /** Runs a command (the shared `attempt`); a refusal is the page again, in the citizen's words on `field`. Null when it went through. */
    const attemptFor = (reply: FastifyReply, me: Me, run: () => Promise<unknown>, field: string, render: (errors: FieldError[]) => Html, messages: Readonly<Record<string, Message>> = CITIZEN_REFUSALS) =>
      attempt(reply, run, (error) => render([refusalOf(me.context.lang, error, field, messages)]));

    const formContext = (route: string, body: unknown, fields: Readonly<Record<string, string>>): CommandContext | null => formCommandContext(route, fieldOf(body, IDEMPOTENCY_FIELD), fields);

    // ---- Mine sider ----

    app.get('/mine-sider', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const { lang } = me.context;
      const open = await openJourney(me.citizenId);
      const shown = MINE_NOTICES.find((n) => queryOf(request, n) === '1') ?? null;
      const now = new Date();
      // Consents in force, to offers and to sharing with partners: they outlive a closed journey, so they are said without one too.
      const [offers, sharings] = await Promise.all([citizenOffers(db, vault, me.citizenId, now, lang), sharingsOf(me)]);
      const inForce = { offers: offers.filter((o) => o.answer === 'consented').length, sharings: sharings.filter((s) => s.status === 'shared') };
      if (!open) return sendPage(reply, 200, minePage(me.context, null, shown, inForce));
      const [sessions, goals, centreName] = await Promise.all([citizenBookedSessions(db, me.citizenId, now), citizenGoals(db, vault, me.citizenId, lang), centreNames()]);
      return sendPage(
        reply,
        200,
        minePage(
          me.context,
          {
            centre: open.centre,
            reference: journeyReference(open.journey.journeyId),
            sessions,
            goals,
            openOffers: offers.filter(isOpenOffer),
            centreName,
          },
          shown,
          inForce,
        ),
      );
    });

    // ---- Closing the journey ----

    app.get('/mine-sider/afslut', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      return sendPage(reply, 200, closeJourneyPage(me.context));
    });
    app.post('/mine-sider/afslut', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const context = formContext('/mine-sider/afslut', request.body, {});
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      const refused = await attemptFor(reply, me, () => handler.handle(journeyDecider, journeyCommand(me, 'CloseJourney', {}), context), 'close-journey', (errors) => closeJourneyPage(me.context, errors));
      return refused ?? seeOther(reply, '/mine-sider?afsluttet=1');
    });

    // ---- Goals, in the citizen's own words (sealed under their key by the command path, like the API's) ----

    /** A goal form checked: its answers, the category if one was chosen, or the reply already sent. */
    const checkedGoal = (reply: FastifyReply, me: Me, body: unknown, render: (answers: GoalAnswers, errors: FieldError[]) => Html) => {
      const answers = goalAnswers(body);
      const category = GOAL_CATEGORIES.find((c) => c === answers.category);
      // A category that is not one of the list is no choice of theirs: a bad request, nothing recorded.
      if (answers.category !== undefined && answers.category !== '' && !category) return { sent: sendPage(reply, 400, badRequestPage(me.context)) };
      const errors = goalErrors(me.context.lang, answers);
      if (errors.length > 0) return { sent: sendPage(reply, 400, render(answers, errors)) };
      return { answers, text: answers.text!.trim(), category };
    };

    app.get('/mine-sider/maal', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      return sendPage(reply, 200, goalPage(me.context));
    });
    app.post('/mine-sider/maal', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const goal = checkedGoal(reply, me, request.body, (answers, errors) => goalPage(me.context, answers, errors));
      if ('sent' in goal) return goal.sent;
      const { answers, text, category } = goal;
      const context = formContext('/mine-sider/maal', request.body, { text, category: category ?? '' });
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      const data = { goalId: derivedId(context.commandId, 'goalId'), text, ...(category ? { category } : {}) };
      const refused = await attemptFor(reply, me, () => handler.handle(journeyDecider, journeyCommand(me, 'StateGoal', data), context), 'text', (errors) => goalPage(me.context, answers, errors));
      return refused ?? seeOther(reply, '/mine-sider?maal=1');
    });

    /** One of the citizen's standing goals, by the path's id (null: not theirs, or dropped). */
    const goalOf = async (request: FastifyRequest, me: Me) => {
      const goalId = idParam(request, 'goalId');
      return goalId ? ((await citizenGoals(db, vault, me.citizenId, me.context.lang)).find((g) => g.goalId === goalId) ?? null) : null;
    };

    app.get('/mine-sider/maal/:goalId/ret', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const goal = await goalOf(request, me);
      if (!goal) return sendPage(reply, 404, notFoundPage(me.context));
      return sendPage(reply, 200, reviseGoalPage(me.context, goal.goalId, { text: goal.text, ...(goal.category ? { category: goal.category } : {}) }));
    });
    app.post('/mine-sider/maal/:goalId/ret', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const goalId = idParam(request, 'goalId');
      if (!goalId) return sendPage(reply, 404, notFoundPage(me.context));
      const goal = checkedGoal(reply, me, request.body, (answers, errors) => reviseGoalPage(me.context, goalId, answers, errors));
      if ('sent' in goal) return goal.sent;
      const { answers, text, category } = goal;
      const context = formContext(`/mine-sider/maal/${goalId}/ret`, request.body, { goalId, text, category: category ?? '' });
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      const data = { goalId, text, ...(category ? { category } : {}) };
      const refused = await attemptFor(reply, me, () => handler.handle(journeyDecider, journeyCommand(me, 'ReviseGoal', data), context), 'text', (errors) => reviseGoalPage(me.context, goalId, answers, errors));
      return refused ?? seeOther(reply, '/mine-sider?rettet=1');
    });
    app.get('/mine-sider/maal/:goalId/drop', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const goal = await goalOf(request, me);
      if (!goal) return sendPage(reply, 404, notFoundPage(me.context));
      return sendPage(reply, 200, dropGoalPage(me.context, goal));
    });
    app.post('/mine-sider/maal/:goalId/drop', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const goalId = idParam(request, 'goalId');
      if (!goalId) return sendPage(reply, 404, notFoundPage(me.context));
      const context = formContext(`/mine-sider/maal/${goalId}/drop`, request.body, { goalId });
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      // The goal as it stands, for the page again if the drop is refused (a retry finds it dropped: the same answer as the first).
      const goal = await goalOf(request, me);
      const refused = await attemptFor(reply, me, () => handler.handle(journeyDecider, journeyCommand(me, 'DropGoal', { goalId }), context), goal ? 'drop-goal' : 'main-content', (errors) =>
        goal ? dropGoalPage(me.context, goal, errors) : refusedPage(me.context, errors),
      );
      return refused ?? seeOther(reply, '/mine-sider?droppet=1');
    });

    // ---- The WHO-5 well-being questions: only if the citizen wants to; the answers sealed by the command path, like the API's ----

    /** The answers in a form's body; null when a field holds something that is no answer (a bad request). */
    const wellBeingAnswers = (body: unknown) => {
      const { answers, bad } = answersOf((name) => textOf(body, name));
      return bad ? null : answers;
    };

    app.get(WELLBEING_PATH, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      // Answers are recorded on an open journey; without one, "Mine sider" says how to start one.
      if (!(await openJourney(me.citizenId))) return seeOther(reply, '/mine-sider');
      return sendPage(reply, 200, wellBeingPage(me.context));
    });
    app.post(WELLBEING_PATH, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const answers = wellBeingAnswers(request.body);
      if (!answers) return sendPage(reply, 400, badRequestPage(me.context));
      const missing = missingErrors(me.context.lang, answers);
      if (missing.length > 0) return sendPage(reply, 400, wellBeingPage(me.context, answers, missing));
      return sendPage(reply, 200, checkWellBeingPage(me.context, answers));
    });
    app.post(`${WELLBEING_PATH}/ret`, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const answers = wellBeingAnswers(request.body);
      if (!answers) return sendPage(reply, 400, badRequestPage(me.context));
      return sendPage(reply, 200, wellBeingPage(me.context, answers));
    });
    app.post(`${WELLBEING_PATH}/tjek`, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const answers = wellBeingAnswers(request.body);
      const scores = answers ? scoresOf(answers) : null;
      if (!answers || !scores) return sendPage(reply, 400, badRequestPage(me.context));
      // Not the scores: a digest of five answers could be matched against every possible one (as the API).
      const context = formContext(`${WELLBEING_PATH}/tjek`, request.body, {});
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      // As POST /journeys/{id}/well-being: the answer's id derived from the command id.
      const data = { answerId: derivedId(context.commandId, 'answerId'), scores };
      const refused = await attemptFor(reply, me, () => handler.handle(journeyDecider, journeyCommand(me, 'AnswerWellBeing', data), context), 'save-answers', (errors) =>
        checkWellBeingPage(me.context, answers, errors),
      );
      return refused ?? seeOther(reply, '/mine-sider?trivsel=1');
    });

    // ---- Starting a journey ----

    app.get('/mine-sider/start', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      return sendPage(reply, 200, chooseCentrePage(me.context, await listCentres(db), queryOf(request, 'centre')));
    });
    app.post('/mine-sider/start', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const choice = centreChoice.safeParse(request.body);
      const centreId = choice.success ? choice.data.centreId : undefined;
      const centre = centreId && uuidLike.safeParse(centreId).success ? await getCentre(db, centreId) : null;
      if (!centre) {
        const errors = [{ field: 'centreId', message: me.context.lang === 'da' ? 'Vælg det center, du vil bruge' : 'Choose the centre you want to use' }];
        return sendPage(reply, 400, chooseCentrePage(me.context, await listCentres(db), centreId, errors));
      }
      return seeOther(reply, `/mine-sider/start/tjek?centre=${encodeURIComponent(centre.centreId)}`);
    });
    app.get('/mine-sider/start/tjek', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const id = queryOf(request, 'centre');
      const centre = id && uuidLike.safeParse(id).success ? await getCentre(db, id) : null;
      return centre ? sendPage(reply, 200, checkStartPage(me.context, centre)) : seeOther(reply, '/mine-sider/start');
    });
    app.post('/mine-sider/start/tjek', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const choice = centreChoice.safeParse(request.body);
      const centre = choice.success && uuidLike.safeParse(choice.data.centreId).success ? await getCentre(db, choice.data.centreId) : null;
      const context = formContext('/mine-sider/start/tjek', request.body, { centreId: choice.success ? choice.data.centreId : '' });
      if (!centre || !context) return sendPage(reply, 400, badRequestPage(me.context));
      // As POST /journeys does for a citizen: the journey is theirs, its id derived from the command id.
      const data = { journeyId: derivedId(context.commandId, 'journeyId'), centreId: centre.centreId, firstContact: 'self_service' as const, centreKnown: await facts.centreKnown(centre.centreId) };
      const refused = await attemptFor(reply, me, () => handler.handle(journeyDecider, journeyCommand(me, 'StartJourney', data), context), 'confirm', (errors) => checkStartPage(me.context, centre, errors));
      return refused ?? seeOther(reply, '/mine-sider?startet=1');
    });

    // ---- Booking, moving and cancelling a conversation ----

    /** The answers so far, from a query or a form: only values that can be answers (anything else is left out). */
    const draftOf = (source: unknown): BookingDraft => {
      const channel = channelOf(textOf(source, 'kanal'));
      const day = parseDay(textOf(source, 'dag') ?? '');
      const slotId = textOf(source, 'tid');
      const move = textOf(source, 'flyt');
      return { ...(channel ? { channel } : {}), ...(day ? { day } : {}), ...(slotId && isUuid(slotId) ? { slotId: slotId.toLowerCase() } : {}), ...(move && isUuid(move) ? { move: move.toLowerCase() } : {}) };
    };

    /**
     * What every booking page needs: the citizen's open journey's centre, and the conversation
     * being moved if the draft names one (it must be theirs and booked). Null when it has answered:
     * without an open journey there is nothing to book with, so "Mine sider" says how to start one.
     */
    async function bookingFor(reply: FastifyReply, me: Me, draft: BookingDraft) {
      const open = await openJourney(me.citizenId);
      if (!open) {
        seeOther(reply, '/mine-sider');
        return null;
      }
      const moving = draft.move ? await citizenBookedSession(db, me.citizenId, draft.move) : null;
      if (draft.move && !moving) {
        sendPage(reply, 404, notFoundPage(me.context));
        return null;
      }
      const channel = draft.channel && centreChannels(open.centre).includes(draft.channel) ? draft.channel : undefined;
      return { centre: open.centre, moving, channel };
    }

    const moveOf = (draft: BookingDraft) => (draft.move ? { move: draft.move } : {});
    const timesFor = (centre: CentreView, channel: Channel) => openTimesAt(db, centre.centreId, channel, centre.openingHours, new Date());

    // The date picker's English words: the same for everyone, nothing personal (so no sign-in), and never changed by a request.
    app.get(DATE_PICKER_EN_PATH, hide, async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(DATE_PICKER_EN_SCRIPT));

    app.get(BOOKING_PATH, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const draft = draftOf(request.query);
      const booking = await bookingFor(reply, me, draft);
      if (!booking) return reply;
      const counts = await openTimeCounts(db, booking.centre.centreId, booking.centre.openingHours, new Date());
      return sendPage(reply, 200, channelPage(me.context, booking.centre, counts, { ...moveOf(draft), ...(booking.channel ? { channel: booking.channel } : {}) }));
    });
    app.post(BOOKING_PATH, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const draft = draftOf(request.body);
      const booking = await bookingFor(reply, me, draft);
      if (!booking) return reply;
      const typed = textOf(request.body, 'kanal');
      if (typed === undefined || typed === '') {
        const counts = await openTimeCounts(db, booking.centre.centreId, booking.centre.openingHours, new Date());
        return sendPage(reply, 400, channelPage(me.context, booking.centre, counts, moveOf(draft), [bookingErrors.channel(me.context.lang)]));
      }
      // A value that is not one of the centre's channels is no answer of theirs.
      if (!booking.channel) return sendPage(reply, 400, badRequestPage(me.context));
      return seeOther(reply, `${BOOKING_PATH}/dag${draftQuery({ channel: booking.channel, ...moveOf(draft) })}`);
    });

    app.get(`${BOOKING_PATH}/dag`, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const draft = draftOf(request.query);
      const booking = await bookingFor(reply, me, draft);
      if (!booking) return reply;
      if (!booking.channel) return seeOther(reply, `${BOOKING_PATH}${draftQuery(moveOf(draft))}`);
      const times = await timesFor(booking.centre, booking.channel);
      return sendPage(reply, 200, dayPage(me.context, times, { channel: booking.channel, ...moveOf(draft), ...(draft.day ? { day: draft.day } : {}) }));
    });
    app.post(`${BOOKING_PATH}/dag`, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const draft = draftOf(request.body);
      const booking = await bookingFor(reply, me, draft);
      if (!booking) return reply;
      if (!booking.channel) return sendPage(reply, 400, badRequestPage(me.context));
      const times = await timesFor(booking.centre, booking.channel);
      const typed = textOf(request.body, 'dag');
      const error = dayError(me.context.lang, typed, [...new Set(times.map((t) => dayOf(t.start)))]);
      const base = { channel: booking.channel, ...moveOf(draft) };
      if (error) return sendPage(reply, 400, dayPage(me.context, times, base, typed ?? '', [{ field: 'dag', message: error }]));
      return seeOther(reply, `${BOOKING_PATH}/tid${draftQuery({ ...base, day: parseDay(typed ?? '')! })}`);
    });

    app.get(`${BOOKING_PATH}/tid`, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const draft = draftOf(request.query);
      const booking = await bookingFor(reply, me, draft);
      if (!booking) return reply;
      if (!booking.channel || !draft.day) return seeOther(reply, `${BOOKING_PATH}/dag${draftQuery({ ...(booking.channel ? { channel: booking.channel } : {}), ...moveOf(draft) })}`);
      const times = (await timesFor(booking.centre, booking.channel)).filter((t) => dayOf(t.start) === draft.day);
      return sendPage(reply, 200, timePage(me.context, times, { ...draft, channel: booking.channel, day: draft.day }));
    });
    app.post(`${BOOKING_PATH}/tid`, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const draft = draftOf(request.body);
      const booking = await bookingFor(reply, me, draft);
      if (!booking) return reply;
      if (!booking.channel || !draft.day) return sendPage(reply, 400, badRequestPage(me.context));
      const typed = textOf(request.body, 'tid');
      if (typed !== undefined && typed !== '' && !draft.slotId) return sendPage(reply, 400, badRequestPage(me.context));
      const full = { channel: booking.channel, day: draft.day, ...moveOf(draft) };
      const times = (await timesFor(booking.centre, booking.channel)).filter((t) => dayOf(t.start) === draft.day);
      const chosen = times.find((t) => t.slotId === draft.slotId);
      if (!draft.slotId) return sendPage(reply, 400, timePage(me.context, times, full, [bookingErrors.time(me.context.lang)]));
      // Taken (or withdrawn) since the page was shown: the day's open times again, saying so.
      if (!chosen) return sendPage(reply, 409, timePage(me.context, times, full, [citizenRefusal(me.context.lang, 'slot_taken', 'tid')]));
      return seeOther(reply, `${BOOKING_PATH}/tjek${draftQuery({ channel: booking.channel, slotId: chosen.slotId, ...moveOf(draft) })}`);
    });

    app.get(`${BOOKING_PATH}/tjek`, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const draft = draftOf(request.query);
      const booking = await bookingFor(reply, me, draft);
      if (!booking) return reply;
      if (!booking.channel) return seeOther(reply, `${BOOKING_PATH}${draftQuery(moveOf(draft))}`);
      const time = draft.slotId ? await publishedTimeAt(db, booking.centre.centreId, draft.slotId) : null;
      // Gone, taken or out of the hours meanwhile: back to the days with open times.
      if (!time?.free || !time.channels.includes(booking.channel) || !bookableFor(booking.channel, booking.centre.openingHours)(time)) return seeOther(reply, `${BOOKING_PATH}/dag${draftQuery({ channel: booking.channel, ...moveOf(draft) })}`);
      return sendPage(reply, 200, checkBookingPage(me.context, booking.centre, time, { channel: booking.channel, ...moveOf(draft) }, booking.moving));
    });
    app.post(`${BOOKING_PATH}/tjek`, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const draft = draftOf(request.body);
      const channel = draft.channel;
      if (!channel || !draft.slotId) return sendPage(reply, 400, badRequestPage(me.context));
      const context = formContext(`${BOOKING_PATH}/tjek`, request.body, { kanal: channel, tid: draft.slotId, flyt: draft.move ?? '' });
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      const open = await openJourney(me.citizenId);
      if (!open) return seeOther(reply, '/mine-sider');
      // Free or not: a retry of a booking that went through finds its time taken, by itself.
      const time = await publishedTimeAt(db, open.centre.centreId, draft.slotId);
      if (!time) return sendPage(reply, 409, refusedPage(me.context, [citizenRefusal(me.context.lang, 'slot_not_found', 'main-content')]));
      const moving = draft.move ? await citizenBookedSession(db, me.citizenId, draft.move) : null;
      const actor = { principal: me.principal, citizenId: me.citizenId, now: new Date().toISOString() };
      // As POST /journeys/{id}/sessions (and …/move) do: the process gathers the slot, the centre's hours and both streams.
      const newBooking = { sessionId: derivedId(context.commandId, 'sessionId'), staffId: time.staffId, slotId: time.slotId, channel };
      const run = () => (draft.move ? moveSession(handler, facts, actor, draft.move, newBooking, context) : bookSession(handler, facts, actor, newBooking, context));
      const refused = await attemptFor(reply, me, run, 'confirm', (errors) => checkBookingPage(me.context, open.centre, time, { channel, ...moveOf(draft) }, moving, errors), BOOKING_REFUSALS);
      return refused ?? seeOther(reply, draft.move ? '/mine-sider?flyttet=1' : '/mine-sider?booket=1');
    });

    app.get(`${BOOKING_PATH}/:sessionId/aflys`, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const sessionId = idParam(request, 'sessionId');
      const session = sessionId ? await citizenBookedSession(db, me.citizenId, sessionId) : null;
      if (!session) return sendPage(reply, 404, notFoundPage(me.context));
      return sendPage(reply, 200, cancelSessionPage(me.context, session));
    });
    app.post(`${BOOKING_PATH}/:sessionId/aflys`, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const sessionId = idParam(request, 'sessionId');
      if (!sessionId) return sendPage(reply, 404, notFoundPage(me.context));
      const context = formContext(`${BOOKING_PATH}/${sessionId}/aflys`, request.body, { sessionId });
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      const session = await citizenBookedSession(db, me.citizenId, sessionId);
      const actor = { principal: me.principal, citizenId: me.citizenId, now: new Date().toISOString() };
      const refused = await attemptFor(reply, me, () => cancelSession(handler, actor, sessionId, context), session ? 'cancel-session' : 'main-content', (errors) =>
        session ? cancelSessionPage(me.context, session, errors) : refusedPage(me.context, errors),
      );
      return refused ?? seeOther(reply, '/mine-sider?aflyst=1');
    });

    // ---- Offers: Ja tak, Nej tak, Ikke nu ----

    const offerOf = async (request: FastifyRequest, me: Me) => {
      const offerId = idParam(request, 'offerId');
      if (!offerId) return null;
      return (await citizenOffers(db, vault, me.citizenId, new Date(), me.context.lang)).find((o) => o.offerId === offerId) ?? null;
    };

    app.get('/mine-sider/tilbud', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const [offers, centreName] = await Promise.all([citizenOffers(db, vault, me.citizenId, new Date(), me.context.lang), centreNames()]);
      return sendPage(reply, 200, offersPage(me.context, offers, centreName, queryOf(request, 'svar') === 'nej'));
    });
    for (const answer of ['ja', 'nej', 'ikke-nu'] as const) {
      app.get(`/mine-sider/tilbud/:offerId/${answer}`, hide, async (request, reply) => {
        const me = await asCitizen(request, reply);
        if (!me) return reply;
        const offer = await offerOf(request, me);
        if (!offer) return sendPage(reply, 404, notFoundPage(me.context));
        const centre = (await centreNames())(offer.centreId);
        const shown = answer === 'ja' ? answerYesPage(me.context, offer, centre) : answer === 'nej' ? answerNoPage(me.context, offer, centre) : notNowPage(me.context, offer);
        return sendPage(reply, 200, shown);
      });
    }
    app.post('/mine-sider/tilbud/:offerId/ja', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const offerId = idParam(request, 'offerId');
      if (!offerId) return sendPage(reply, 404, notFoundPage(me.context));
      const context = formContext(`/mine-sider/tilbud/${offerId}/ja`, request.body, { offerId });
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      const offer = await offerOf(request, me);
      const centre = offer ? (await centreNames())(offer.centreId) : '';
      // As the API's giveConsent: the citizen's own answer (self-service), the receipt's id derived from the command id.
      const data = { offerId, receiptId: derivedId(context.commandId, 'receiptId') };
      const refused = await attemptFor(reply, me, () => handler.handle(journeyDecider, journeyCommand(me, 'GiveConsent', data), context), offer ? 'send-answer' : 'main-content', (errors) =>
        offer ? answerYesPage(me.context, offer, centre, errors) : refusedPage(me.context, errors),
      );
      return refused ?? seeOther(reply, '/mine-sider/samtykker?givet=1');
    });
    app.post('/mine-sider/tilbud/:offerId/nej', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const offerId = idParam(request, 'offerId');
      if (!offerId) return sendPage(reply, 404, notFoundPage(me.context));
      const typed = textOf(request.body, 'reason');
      if (fieldOf(request.body, 'reason') !== undefined && typed === undefined) return sendPage(reply, 400, badRequestPage(me.context));
      const reason = typed?.trim() ?? '';
      const offer = await offerOf(request, me);
      const centre = offer ? (await centreNames())(offer.centreId) : '';
      const tooLong = reasonError(me.context.lang, reason);
      if (tooLong) return sendPage(reply, 400, offer ? answerNoPage(me.context, offer, centre, typed, [tooLong]) : badRequestPage(me.context));
      const context = formContext(`/mine-sider/tilbud/${offerId}/nej`, request.body, { offerId, reason });
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      const data = { offerId, ...(reason ? { reason } : {}) };
      const refused = await attemptFor(reply, me, () => handler.handle(journeyDecider, journeyCommand(me, 'DeclineOffer', data), context), offer ? 'send-answer' : 'main-content', (errors) =>
        offer ? answerNoPage(me.context, offer, centre, typed, errors) : refusedPage(me.context, errors),
      );
      return refused ?? seeOther(reply, '/mine-sider/tilbud?svar=nej');
    });

    // ---- Consents and their receipts; withdrawing ----

    /** Every consent the citizen gave, newest first: its receipt, and whether it stands now. */
    async function consentsOf(me: Me): Promise<ConsentView[]> {
      const [register, centreName] = await Promise.all([consentRegister(db, me.citizenId, { citizen: true }), centreNamesOrNull()]);
      const views: ConsentView[] = [];
      for (const offer of register) {
        let latest: ConsentView | null = null;
        for (const h of offer.history) {
          if (h.type === 'ConsentGiven' && h.receipt) {
            const receipt: ConsentReceipt = h.receipt;
            latest = { offerId: offer.offerId, offerKind: offer.kind, receipt, centreName: centreName(receipt.controller.centreId), inForce: false, withdrawnAt: null };
            views.push(latest);
          } else if (h.type === 'ConsentWithdrawn' && latest) {
            latest.withdrawnAt = h.at;
            latest = null;
          }
        }
        if (latest && offer.answer === 'consented') latest.inForce = true;
      }
      return views.sort((a, b) => Date.parse(b.receipt.timestamp) - Date.parse(a.receipt.timestamp));
    }

    /** The citizen's consents to share data with partners, newest first, with the names their receipts are read with. */
    async function sharingsOf(me: Me): Promise<SharingConsentView[]> {
      const today = copenhagenToday(new Date());
      const [sharings, centreName] = await Promise.all([sharingsOfCitizen(db, me.citizenId, today), centreNamesOrNull()]);
      const partnerIds = [...new Set(sharings.map((s) => s.partnerId))];
      const offerIds = [...new Set(sharings.flatMap((s) => (s.catalogueOfferId ? [s.catalogueOfferId] : [])))];
      const [partners, offers] = await Promise.all([
        Promise.all(partnerIds.map(async (id) => [id, (await partnerById(db, id))?.name ?? null] as const)),
        Promise.all(offerIds.map(async (id) => [id, (await catalogueOfferById(db, id, today)) ?? null] as const)),
      ]);
      const partnerName = new Map(partners);
      const offer = new Map(offers);
      return sharings.map((s) => {
        const o = s.catalogueOfferId ? offer.get(s.catalogueOfferId) : null;
        return {
          ...s,
          partnerName: partnerName.get(s.partnerId) ?? null,
          offerTitle: o ? { title: o.title, titleEn: o.titleEn } : null,
          centreName: s.receipt ? centreName(s.receipt.controller.centreId) : null,
        };
      });
    }

    app.get('/mine-sider/samtykker', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const [consents, sharings] = await Promise.all([consentsOf(me), sharingsOf(me)]);
      const shown = { given: queryOf(request, 'givet') === '1', withdrawn: queryOf(request, 'trukket') === '1', shared: queryOf(request, 'delt') === '1', shareWithdrawn: queryOf(request, 'deling-trukket') === '1' };
      return sendPage(reply, 200, consentsPage(me.context, consents, shown, sharings));
    });

    // Withdrawing a consent to share: asked once; at once the partner sees nothing more (the referrals read model is inline).
    const sharingInForce = async (request: FastifyRequest, me: Me) => {
      const sharingId = idParam(request, 'sharingId');
      return sharingId ? ((await sharingsOf(me)).find((s) => s.sharingId === sharingId && s.status === 'shared') ?? null) : null;
    };
    app.get('/mine-sider/samtykker/deling/:sharingId/traek-tilbage', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const sharing = await sharingInForce(request, me);
      if (!sharing) return sendPage(reply, 404, notFoundPage(me.context));
      return sendPage(reply, 200, withdrawSharingPage(me.context, sharing));
    });
    app.post('/mine-sider/samtykker/deling/:sharingId/traek-tilbage', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const sharingId = idParam(request, 'sharingId');
      if (!sharingId) return sendPage(reply, 404, notFoundPage(me.context));
      const context = formContext(`/mine-sider/samtykker/deling/${sharingId}/traek-tilbage`, request.body, { sharingId });
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      const sharing = await sharingInForce(request, me);
      const refused = await attemptFor(
        reply,
        me,
        () => handler.handle(journeyDecider, journeyCommand(me, 'WithdrawDataSharing', { sharingId }), context),
        sharing ? 'withdraw-sharing' : 'main-content',
        (errors) => (sharing ? withdrawSharingPage(me.context, sharing, errors) : refusedPage(me.context, errors)),
        { ...CITIZEN_REFUSALS, ...CATALOGUE_REFUSALS },
      );
      return refused ?? seeOther(reply, '/mine-sider/samtykker?deling-trukket=1');
    });
    const consentInForce = async (request: FastifyRequest, me: Me) => {
      const offerId = idParam(request, 'offerId');
      return offerId ? ((await consentsOf(me)).find((c) => c.offerId === offerId && c.inForce) ?? null) : null;
    };
    app.get('/mine-sider/samtykker/:offerId/traek-tilbage', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const consent = await consentInForce(request, me);
      if (!consent) return sendPage(reply, 404, notFoundPage(me.context));
      return sendPage(reply, 200, withdrawPage(me.context, consent));
    });
    app.post('/mine-sider/samtykker/:offerId/traek-tilbage', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const offerId = idParam(request, 'offerId');
      if (!offerId) return sendPage(reply, 404, notFoundPage(me.context));
      const context = formContext(`/mine-sider/samtykker/${offerId}/traek-tilbage`, request.body, { offerId });
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      const consent = await consentInForce(request, me);
      const refused = await attemptFor(reply, me, () => handler.handle(journeyDecider, journeyCommand(me, 'WithdrawConsent', { offerId }), context), consent ? 'withdraw-consent' : 'main-content', (errors) =>
        consent ? withdrawPage(me.context, consent, errors) : refusedPage(me.context, errors),
      WITHDRAW_REFUSALS);
      return refused ?? seeOther(reply, '/mine-sider/samtykker?trukket=1');
    });

    // ---- Everything recorded ----

    app.get('/mine-sider/optegnelser', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const reader = await journeyReaderOf(db, me.principal, me.citizenId);
      const [records, consents, sharings] = await Promise.all([citizenRecords(db, vault, me.citizenId, reader, me.context.lang), consentsOf(me), sharingsOf(me)]);
      return sendPage(reply, 200, recordsPage(me.context, records, { consents, sharings }));
    });
    app.get('/mine-sider/optegnelser.json', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const { lang } = me.context;
      const reader = await journeyReaderOf(db, me.principal, me.citizenId);
      const [records, consents, sharings] = await Promise.all([citizenRecords(db, vault, me.citizenId, reader, lang), consentsOf(me), sharingsOf(me)]);
      // Every receipt the citizen was given, newest first, to offers and to sharing with partners:
      // each as stored, and as it reads in the reader's language from its fields.
      const toOffers = consents.map((c) => ({
        kind: 'offer' as const,
        offerId: c.offerId,
        inForce: c.inForce,
        withdrawnAt: c.withdrawnAt,
        receipt: c.receipt,
        shown: receiptShown(lang, c.receipt, { centreName: c.centreName, offerKind: c.offerKind }),
      }));
      const toSharing = sharings.flatMap((s) =>
        s.receipt
          ? [
              {
                kind: 'sharing' as const,
                sharingId: s.sharingId,
                partnerId: s.partnerId,
                partnerName: s.partnerName,
                purpose: s.purpose,
                catalogueOfferId: s.catalogueOfferId,
                fields: s.fields,
                until: s.until,
                status: s.status,
                inForce: s.status === 'shared',
                withdrawnAt: s.withdrawnAt,
                referralIds: s.referralIds,
                receipt: s.receipt,
                shown: sharingReceiptShown(lang, s),
              },
            ]
          : [],
      );
      const given = (r: { receipt: ConsentReceipt }) => Date.parse(r.receipt.timestamp) || 0;
      const receipts = [...toOffers, ...toSharing].sort((a, b) => given(b) - given(a));
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="virkelyst-mine-oplysninger.json"')
        .send({ citizenId: me.citizenId, lang, records, receipts });
    });
  },
};
