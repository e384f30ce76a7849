/**
 * The citizen's own pages: "Mine sider", the first step (start a journey at a centre: one
 * question, then "Tjek dine svar"; never a question about eligibility), goals in their own words,
 * closing the journey, and everything recorded about them, readable and as a download.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { journeyDecider } from '../../domain/journey/decide.js';
import { GOAL_CATEGORIES } from '../../domain/journey/journey.js';
import { derivedId } from '../../ids.js';
import { getCentre, listCentres } from '../../projections/centres/queries.js';
import { citizenRecords, journeyCentre, journeyReaderOf } from '../../projections/journeys/queries.js';
import { formCommandContext, isRefusal, refusalOf } from '../command.js';
import { IDEMPOTENCY_FIELD } from '../components.js';
import { checkStartPage, chooseCentrePage, closeJourneyPage, goalErrors, goalPage, minePage, recordsPage } from '../pages/citizen.js';
import { badRequestPage } from '../pages/errors.js';
import { seeOther, sendPage } from '../request.js';
import { asRole, fieldOf, hide, uuidLike, type WebArea, type WebOptions } from './shared.js';

const centreChoice = z.object({ centreId: z.string() }).loose();
const pageQuery = z.object({ centre: z.string().optional(), startet: z.string().optional(), maal: z.string().optional(), afsluttet: z.string().optional() }).loose();
const goalForm = z.object({ text: z.string().optional(), category: z.string().optional() }).loose();

export const citizenArea: WebArea = {
  segments: ['mine-sider'],
  register(app: FastifyInstance, options: WebOptions) {
    const { database, commands, vault, sessionKey } = options;
    const db = database.db;
    /** A citizen's page: others are sent to sign in (signed out) or told it is not theirs. */
    const asCitizen = async (request: FastifyRequest, reply: FastifyReply) => {
      const signed = await asRole(request, reply, sessionKey, ['citizen']);
      return signed ? { ...signed, citizenId: signed.principal.id } : null;
    };
    app.get('/mine-sider', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const journey = await journeyCentre(db, me.citizenId);
      // A closed journey is over: the citizen may start a new one, as if there were none.
      const centre = journey?.open ? await getCentre(db, journey.centreId) : null;
      const query = pageQuery.safeParse(request.query);
      const shown = (flag: 'startet' | 'maal' | 'afsluttet') => query.success && query.data[flag] === '1';
      return sendPage(reply, 200, minePage(me.context, centre, shown('startet'), shown('maal'), shown('afsluttet')));
    });
    app.get('/mine-sider/afslut', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      return sendPage(reply, 200, closeJourneyPage(me.context));
    });
    app.post('/mine-sider/afslut', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const context = formCommandContext('/mine-sider/afslut', fieldOf(request.body, IDEMPOTENCY_FIELD), {});
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      try {
        await commands.handler.handle(journeyDecider, { type: 'CloseJourney', citizenId: me.citizenId, now: new Date().toISOString(), principal: me.principal, data: {} }, context);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return sendPage(reply, error.kind === 'conflict' ? 409 : 422, closeJourneyPage(me.context, [refusalOf(me.context.lang, error, 'close-journey')]));
      }
      return seeOther(reply, '/mine-sider?afsluttet=1');
    });
    // A goal in the citizen's own words (sealed under their key by the command path, like the API's).
    app.get('/mine-sider/maal', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      return sendPage(reply, 200, goalPage(me.context));
    });
    app.post('/mine-sider/maal', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const form = goalForm.safeParse(request.body);
      const typed = form.success ? form.data : {};
      const answers = { ...(typeof typed.text === 'string' ? { text: typed.text } : {}), ...(typeof typed.category === 'string' ? { category: typed.category } : {}) };
      const errors = goalErrors(me.context.lang, answers);
      const category = GOAL_CATEGORIES.find((c) => c === answers.category);
      if (answers.category !== undefined && answers.category !== '' && !category) return sendPage(reply, 400, badRequestPage(me.context));
      if (errors.length > 0) return sendPage(reply, 400, goalPage(me.context, answers, errors));
      const text = answers.text!.trim();
      const context = formCommandContext('/mine-sider/maal', fieldOf(request.body, IDEMPOTENCY_FIELD), { text, category: category ?? '' });
      if (!context) return sendPage(reply, 400, badRequestPage(me.context));
      try {
        await commands.handler.handle(
          journeyDecider,
          {
            type: 'StateGoal',
            citizenId: me.citizenId,
            now: new Date().toISOString(),
            principal: me.principal,
            data: { goalId: derivedId(context.commandId, 'goalId'), text, ...(category ? { category } : {}) },
          },
          context,
        );
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return sendPage(reply, error.kind === 'conflict' ? 409 : 422, goalPage(me.context, answers, [refusalOf(me.context.lang, error, 'text')]));
      }
      return seeOther(reply, '/mine-sider?maal=1');
    });
    app.get('/mine-sider/start', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const query = pageQuery.safeParse(request.query);
      return sendPage(reply, 200, chooseCentrePage(me.context, await listCentres(db), query.success ? query.data.centre : undefined));
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
      const query = pageQuery.safeParse(request.query);
      const id = query.success ? query.data.centre : undefined;
      const centre = id && uuidLike.safeParse(id).success ? await getCentre(db, id) : null;
      return centre ? sendPage(reply, 200, checkStartPage(me.context, centre)) : seeOther(reply, '/mine-sider/start');
    });
    app.post('/mine-sider/start/tjek', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const choice = centreChoice.safeParse(request.body);
      const centre = choice.success && uuidLike.safeParse(choice.data.centreId).success ? await getCentre(db, choice.data.centreId) : null;
      const context = formCommandContext('/mine-sider/start/tjek', fieldOf(request.body, IDEMPOTENCY_FIELD), { centreId: choice.success ? choice.data.centreId : '' });
      if (!centre || !context) return sendPage(reply, 400, badRequestPage(me.context));
      // As POST /journeys does for a citizen: the journey is theirs, its id derived from the command id.
      try {
        await commands.handler.handle(
          journeyDecider,
          {
            type: 'StartJourney',
            citizenId: me.citizenId,
            now: new Date().toISOString(),
            principal: me.principal,
            data: { journeyId: derivedId(context.commandId, 'journeyId'), centreId: centre.centreId, firstContact: 'self_service', centreKnown: await commands.facts.centreKnown(centre.centreId) },
          },
          context,
        );
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return sendPage(reply, error.kind === 'conflict' ? 409 : 422, checkStartPage(me.context, centre, [refusalOf(me.context.lang, error, 'confirm')]));
      }
      return seeOther(reply, '/mine-sider?startet=1');
    });
    app.get('/mine-sider/optegnelser', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const reader = await journeyReaderOf(db, me.principal, me.citizenId);
      return sendPage(reply, 200, recordsPage(me.context, await citizenRecords(db, vault, me.citizenId, reader, me.context.lang)));
    });
    app.get('/mine-sider/optegnelser.json', hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const reader = await journeyReaderOf(db, me.principal, me.citizenId);
      const records = await citizenRecords(db, vault, me.citizenId, reader, me.context.lang);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="virkelyst-mine-oplysninger.json"')
        .send({ citizenId: me.citizenId, records });
    });
  },
};
