/** The public pages: the centres and how to reach them, one centre, the accessibility statement, the language switch. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { getCentre, listCentres } from '../../projections/centres/queries.js';
import { LANG_COOKIE, isLang } from '../i18n.js';
import { accessibilityPage } from '../pages/accessibility.js';
import { notFoundPage } from '../pages/errors.js';
import { centrePage, homePage } from '../pages/public.js';
import { LANG_COOKIE_SECONDS, seeOther, sendPage, setCookie, visit } from '../request.js';
import { hide, localPath, uuidLike, type WebArea, type WebOptions } from './shared.js';

const languageQuery = z.object({ til: z.string().optional(), tilbage: z.string().optional() }).loose();

export const publicArea: WebArea = {
  segments: ['', 'centre', 'sprog', 'tilgaengelighed', 'assets'],
  register(app: FastifyInstance, options: WebOptions) {
    const { database, sessionKey } = options;
    const db = database.db;
    const enter = (request: FastifyRequest, reply: FastifyReply) => visit(request, reply, sessionKey);
    app.get('/', hide, async (request, reply) => sendPage(reply, 200, homePage((await enter(request, reply)).context, await listCentres(db))));
    app.get('/centre/:id', hide, async (request, reply) => {
      const { context } = await enter(request, reply);
      const id = z.object({ id: z.string() }).safeParse(request.params);
      const centre = id.success && uuidLike.safeParse(id.data.id).success ? await getCentre(db, id.data.id) : null;
      return centre ? sendPage(reply, 200, centrePage(context, centre)) : sendPage(reply, 404, notFoundPage(context));
    });
    app.get('/tilgaengelighed', hide, async (request, reply) => sendPage(reply, 200, accessibilityPage((await enter(request, reply)).context)));
    app.get('/sprog', hide, async (request, reply) => {
      const query = languageQuery.safeParse(request.query);
      const lang = query.success ? query.data.til : undefined;
      if (isLang(lang)) setCookie(request, reply, LANG_COOKIE, lang, LANG_COOKIE_SECONDS);
      return seeOther(reply, localPath(query.success ? query.data.tilbage : undefined));
    });
  },
};
