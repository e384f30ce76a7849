/**
 * Local activities, groups and the entrepreneurs' track on the web (issue 13), for citizens under
 * /mine-sider and for staff under /medarbejder (the first segments belong to those areas, so a
 * miss there is already an HTML 404).
 *
 * Citizens register and unregister themselves, join and leave groups themselves, start a group
 * (its first member), and keep their own track; staff schedule, change and cancel activities and
 * count who came (a number, never who), help start groups (no member made), set up a group's
 * meeting place and close a group without members, and read the survival share in counts. Nobody
 * acts for a citizen: there is no control by which staff add anyone to anything.
 *
 * Every command goes through the command path with the form's idempotency key as its command id,
 * so a double submit records once; ids a command creates are derived from it. Activities and
 * groups are read from inline read models (the page after a redirect shows the change); the
 * track's read model follows the log a moment later, and its notices say so.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { enterAsCitizen } from '../../commands/citizen-entry.js';
import type { CommandContext } from '../../commands/handler.js';
import { activityDecider, type ActivityCommand } from '../../domain/activity/decide.js';
import { GROUP_KINDS } from '../../domain/group/group.js';
import { groupDecider, type GroupCommand } from '../../domain/group/decide.js';
import { type DomainError } from '../../domain/shared/errors.js';
import { ventureDecider, type VentureCommand } from '../../domain/venture/decide.js';
import { anniversaryReached, danishDate, SURVIVAL_YEARS } from '../../domain/venture/venture.js';
import { derivedId } from '../../ids.js';
import { activitiesOfCentre, activitiesOfCitizen, activityById, activityOfCitizen, type ActivityView } from '../../projections/activities/queries.js';
import { listCentres } from '../../projections/centres/queries.js';
import { groupById, groupsOfCentre, groupsOfCitizen, type GroupView, isMemberOf } from '../../projections/groups/queries.js';
import { citizenJourney, mentorConversations } from '../../projections/journeys/queries.js';
import { publishSurvival, survivalShare, ventureOfCitizen } from '../../projections/ventures/queries.js';
import { formCommandContext } from '../command.js';
import { type FieldError, IDEMPOTENCY_FIELD } from '../components.js';
import { say } from '../i18n.js';
import { ACTIVITIES_PATH, ACTIVITY_REFUSALS, activitiesPage, type ActivityNotice, type CitizenActivities, leavePage, registerField, seatFree } from '../pages/activities.js';
import { centreShown, refusalIn } from '../pages/activities-parts.js';
import {
  ACTIVITY_FIELDS,
  type ActivityAnswers,
  activityFormPage,
  answersOfActivity,
  attendancePage,
  cancelActivityPage,
  checkActivity,
  type CheckedActivity,
  checkCount,
  emptyActivity,
  STAFF_ACTIVITIES_PATH,
  STAFF_ACTIVITY_NOTICES,
  STAFF_ACTIVITY_REFUSALS,
  staffActivitiesPage,
} from '../pages/activities-staff.js';
import { refusedPage } from '../pages/citizen-parts.js';
import { badRequestPage, notFoundPage } from '../pages/errors.js';
import {
  type Arrangement,
  arrangementError,
  arrangementPage,
  checkGroup,
  checkGroupPage,
  CITIZEN_GROUP_KINDS,
  type CitizenGroups,
  emptyGroup,
  GROUP_FIELDS,
  GROUP_REFUSALS,
  type GroupAnswers,
  type GroupNotice,
  GROUPS_PATH,
  groupsPage,
  joinField,
  leaveGroupPage,
  startGroupPage,
} from '../pages/groups.js';
import {
  closeGroupPage,
  linkError,
  partnerError,
  STAFF_GROUP_FIELDS,
  STAFF_GROUP_NOTICES,
  STAFF_GROUP_REFUSALS,
  STAFF_GROUPS_PATH,
  staffGroupPage,
  staffGroupsPage,
  staffStartGroupPage,
} from '../pages/groups-staff.js';
import { checkJoinPage, joinErrors, type JoinAnswers, joinPage, leaveTrackPage, reasonError, SUMMARY_PATH, trackViewOf, type TrackView, VENTURE_NOTICES, VENTURE_PATH, VENTURE_REFUSALS, venturePage } from '../pages/venture.js';
import {
  businessStartPage,
  checkCheckIn,
  checkInPage,
  checkMilestone,
  checkStart,
  type MilestoneAnswers,
  milestoneAnswersOf,
  milestonePage,
  quartersFor,
  removeMilestonePage,
  survivalMissing,
  survivalPage as survivalQuestionPage,
  VENTURE_FIELDS,
} from '../pages/venture-forms.js';
import { STAFF_VENTURES_PATH, survivalPage } from '../pages/venture-staff.js';
import { summaryFileName, summaryText } from '../pages/venture-summary.js';
import { seeOther, sendPage } from '../request.js';
import { asCentreRole, asRole, attempt, fieldOf, hide, isUuid, queryOf, type WebArea, type WebOptions } from './shared.js';

type Signed = NonNullable<Awaited<ReturnType<typeof asRole>>>;
type Citizen = Signed & { citizenId: string };
type Staff = Signed & { centreId: string };

/** The fields of a form as strings ('' when absent); null when one came as anything but a single string (no form of ours sends that). */
function formStrings<K extends string>(body: unknown, names: readonly K[]): Record<K, string> | null {
  const out = {} as Record<K, string>;
  for (const name of names) {
    const value = fieldOf(body, name);
    if (value !== undefined && typeof value !== 'string') return null;
    out[name] = value ?? '';
  }
  return out;
}

/** An id in the path, as the read models keep it (lower case); null when it is no id. */
function idParam(request: FastifyRequest, name: string): string | null {
  const value = fieldOf(request.params, name);
  return typeof value === 'string' && isUuid(value) ? value.toLowerCase() : null;
}

const formContext = (route: string, body: unknown, fields: Readonly<Record<string, string>>): CommandContext | null => formCommandContext(route, fieldOf(body, IDEMPOTENCY_FIELD), fields);
const at = () => new Date().toISOString();

export const localArea: WebArea = {
  segments: [],
  register(app: FastifyInstance, options: WebOptions) {
    const { sessionKey } = options;
    const asCitizen = async (request: FastifyRequest, reply: FastifyReply): Promise<Citizen | null> => {
      const signed = await asRole(request, reply, sessionKey, ['citizen']);
      return signed ? { ...signed, citizenId: signed.principal.id } : null;
    };
    const asStaff = (request: FastifyRequest, reply: FastifyReply): Promise<Staff | null> => asCentreRole(request, reply, sessionKey, ['staff']);
    const deps = { app, options, asCitizen, asStaff };
    activityRoutes(deps);
    groupRoutes(deps);
    ventureRoutes(deps);
  },
};

interface Deps {
  app: FastifyInstance;
  options: WebOptions;
  asCitizen: (request: FastifyRequest, reply: FastifyReply) => Promise<Citizen | null>;
  asStaff: (request: FastifyRequest, reply: FastifyReply) => Promise<Staff | null>;
}

const notFound = (reply: FastifyReply, me: Signed) => sendPage(reply, 404, notFoundPage(me.context));
const badRequest = (reply: FastifyReply, me: Signed) => sendPage(reply, 400, badRequestPage(me.context));

// ---- Local activities ----

const ACTIVITY_ANSWER_FIELDS = ['kind', 'title', 'description', 'date', 'startTime', 'endTime', 'place', 'link', 'capacity'] as const;

function activityRoutes({ app, options, asCitizen, asStaff }: Deps) {
  const { database, commands } = options;
  const db = database.db;
  const run = (command: ActivityCommand, context: CommandContext) => commands.handler.handle(activityDecider, command, context);
  const leaving = (me: Citizen, activityId: string): ActivityCommand => ({ type: 'UnregisterFromActivity', now: at(), principal: me.principal, data: { activityId, citizenId: me.citizenId } });
  // Taking a place reads the citizen's journey and checks it again when the place is appended: an erasure in between refuses it.
  const register = (me: Citizen, activityId: string, context: CommandContext) =>
    enterAsCitizen(
      commands.handler,
      activityDecider,
      me.citizenId,
      (citizenErased): ActivityCommand => ({ type: 'RegisterForActivity', now: at(), principal: me.principal, data: { activityId, citizenId: me.citizenId, citizenErased } }),
      context,
      me.principal.id,
    );

  /** The centre's coming activities (the one asked for, else the journey's) and the citizen's own places. */
  async function citizenView(me: Citizen, asked: string | undefined, notice: ActivityNotice | null): Promise<CitizenActivities> {
    const now = Date.now();
    const [centres, journey, mine] = await Promise.all([listCentres(db), citizenJourney(db, me.citizenId), activitiesOfCitizen(db, me.citizenId)]);
    const centre = centreShown(centres, asked, journey?.open ? journey.centreId : null);
    const upcoming = centre ? await activitiesOfCentre(db, centre.centreId, { from: new Date(now) }) : [];
    return { centres, centre, upcoming, mine: mine.filter((m) => m.status === 'scheduled' && Date.parse(m.end) > now), now, notice };
  }

  /** What was just done, from the query after a redirect: the activity named, and the citizen's place in it now. */
  async function noticeOf(request: FastifyRequest, me: Citizen): Promise<ActivityNotice | null> {
    for (const [name, done] of [['tilmeldt', 'registered'], ['afmeldt', 'unregistered'], ['forladt', 'left']] as const) {
      const id = queryOf(request, name);
      if (!id || !isUuid(id)) continue;
      const activity = await activityById(db, id.toLowerCase());
      if (!activity) return null;
      if (done === 'registered') {
        // Said only while it holds: a reload after unregistering says nothing.
        const place = await activityOfCitizen(db, activity.activityId, me.citizenId);
        return place ? { done, title: activity.title, place } : null;
      }
      return { done, title: activity.title };
    }
    return null;
  }

  app.get(ACTIVITIES_PATH, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    return sendPage(reply, 200, activitiesPage(me.context, await citizenView(me, queryOf(request, 'centre'), await noticeOf(request, me))));
  });

  app.post(`${ACTIVITIES_PATH}/:activityId/tilmeld`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const activityId = idParam(request, 'activityId');
    if (!activityId) return notFound(reply, me);
    const form = formStrings(request.body, ['som']);
    if (!form || (form.som !== 'plads' && form.som !== 'venteliste')) return badRequest(reply, me);
    const context = formContext(`${ACTIVITIES_PATH}/${activityId}/tilmeld`, request.body, { activityId, som: form.som });
    if (!context) return badRequest(reply, me);
    const activity = await activityById(db, activityId);
    if (!activity) return notFound(reply, me);
    const lang = me.context.lang;
    const again = async (status: number, error: (view: CitizenActivities) => FieldError) => {
      const view = await citizenView(me, activity.centreId, null);
      return sendPage(reply, status, activitiesPage(me.context, view, [error(view)]));
    };
    // Asked for a place, and the last one went meanwhile: the line is the citizen's own choice to make, not ours.
    const place = await activityOfCitizen(db, activityId, me.citizenId);
    if (!place && form.som === 'plads' && !seatFree(activity)) {
      return again(409, (view) => ({ field: registerField(view, activityId), message: say(lang, ACTIVITY_REFUSALS.became_full!) }));
    }
    const refused = await attempt(reply, () => register(me, activityId, context), async (error) => {
      const view = await citizenView(me, activity.centreId, null);
      return activitiesPage(me.context, view, [refusalIn(lang, error, registerField(view, activityId), ACTIVITY_REFUSALS)]);
    });
    return refused ?? seeOther(reply, `${ACTIVITIES_PATH}?centre=${activity.centreId}&tilmeldt=${activityId}`);
  });

  for (const [path, status, done] of [
    ['afmeld', 'registered', 'afmeldt'],
    ['forlad-ventelisten', 'waiting', 'forladt'],
  ] as const) {
    app.get(`${ACTIVITIES_PATH}/:activityId/${path}`, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const activityId = idParam(request, 'activityId');
      const [activity, place] = activityId ? await Promise.all([activityById(db, activityId), activityOfCitizen(db, activityId, me.citizenId)]) : [null, null];
      if (!activity || activity.status !== 'scheduled' || place?.status !== status) return notFound(reply, me);
      return sendPage(reply, 200, leavePage(me.context, activity, place));
    });
    app.post(`${ACTIVITIES_PATH}/:activityId/${path}`, hide, async (request, reply) => {
      const me = await asCitizen(request, reply);
      if (!me) return reply;
      const activityId = idParam(request, 'activityId');
      if (!activityId) return notFound(reply, me);
      const context = formContext(`${ACTIVITIES_PATH}/${activityId}/${path}`, request.body, { activityId });
      if (!context) return badRequest(reply, me);
      const [activity, place] = await Promise.all([activityById(db, activityId), activityOfCitizen(db, activityId, me.citizenId)]);
      if (!activity) return notFound(reply, me);
      const { lang } = me.context;
      // Leaving the line, but moved up meanwhile: the seat is not given up unasked; the page asks about the seat instead.
      if (status === 'waiting' && place?.status === 'registered') {
        return sendPage(reply, 409, leavePage(me.context, activity, place, [{ field: 'confirm-leave', message: say(lang, ACTIVITY_REFUSALS.moved_up_meanwhile!) }]));
      }
      const refused = await attempt(reply, () => run(leaving(me, activityId), context), (error) =>
        place ? leavePage(me.context, activity, place, [refusalIn(lang, error, 'confirm-leave', ACTIVITY_REFUSALS)]) : refusedPage(me.context, [refusalIn(lang, error, 'main-content', ACTIVITY_REFUSALS)]),
      );
      return refused ?? seeOther(reply, `${ACTIVITIES_PATH}?centre=${activity.centreId}&${done}=${activityId}`);
    });
  }

  // ---- Staff ----

  /** An activity of my centre, by the path's id; null for another centre's (not found, as for one that is not there). */
  async function myActivity(me: Staff, request: FastifyRequest): Promise<ActivityView | null> {
    const activityId = idParam(request, 'activityId');
    const activity = activityId ? await activityById(db, activityId) : null;
    return activity && activity.centreId === me.centreId ? activity : null;
  }
  const staffEnvelope = (me: Staff) => ({ now: at(), principal: me.principal });
  const staffRefusal = (me: Staff, error: DomainError, field: string) => refusalIn(me.context.lang, error, field, STAFF_ACTIVITY_REFUSALS, ACTIVITY_FIELDS);

  app.get(STAFF_ACTIVITIES_PATH, hide, async (request, reply) => {
    const me = await asStaff(request, reply);
    if (!me) return reply;
    const now = Date.now();
    const activities = await activitiesOfCentre(db, me.centreId, { from: new Date(now - 90 * 24 * 3600_000), includeCancelled: true });
    const shown = STAFF_ACTIVITY_NOTICES.find((n) => queryOf(request, n) === '1') ?? null;
    return sendPage(reply, 200, staffActivitiesPage(me.context, activities, now, shown));
  });

  app.get(`${STAFF_ACTIVITIES_PATH}/ny`, hide, async (request, reply) => {
    const me = await asStaff(request, reply);
    if (!me) return reply;
    return sendPage(reply, 200, activityFormPage(me.context, emptyActivity));
  });

  /** The form as sent, checked; the reply already sent when it is refused before any command. */
  function checkedForm(reply: FastifyReply, me: Staff, body: unknown, activity?: ActivityView): { answers: ActivityAnswers; checked: CheckedActivity } | { sent: FastifyReply } {
    const typed = formStrings(body, ACTIVITY_ANSWER_FIELDS);
    if (!typed) return { sent: badRequest(reply, me) };
    // The kind of an activity stays what it was scheduled as.
    const answers: ActivityAnswers = activity ? { ...typed, kind: activity.kind } : typed;
    const result = checkActivity(me.context.lang, answers);
    if (!result) return { sent: badRequest(reply, me) };
    if (!result.activity) return { sent: sendPage(reply, 400, activityFormPage(me.context, answers, result.errors, activity)) };
    return { answers, checked: result.activity };
  }
  const fingerprint = (c: CheckedActivity) => ({
    kind: c.kind,
    title: c.title,
    description: c.description,
    start: c.start,
    end: c.end,
    where: JSON.stringify(c.where),
    capacity: String(c.capacity),
  });

  app.post(`${STAFF_ACTIVITIES_PATH}/ny`, hide, async (request, reply) => {
    const me = await asStaff(request, reply);
    if (!me) return reply;
    const form = checkedForm(reply, me, request.body);
    if ('sent' in form) return form.sent;
    const { answers, checked } = form;
    const context = formContext(`${STAFF_ACTIVITIES_PATH}/ny`, request.body, fingerprint(checked));
    if (!context) return badRequest(reply, me);
    const activityId = derivedId(context.commandId, 'activityId');
    const { description, ...rest } = checked;
    const command: ActivityCommand = { type: 'ScheduleActivity', ...staffEnvelope(me), data: { activityId, centreId: me.centreId, ...rest, ...(description ? { description } : {}) } };
    const refused = await attempt(reply, () => run(command, context), (error) => activityFormPage(me.context, answers, [staffRefusal(me, error, 'save-activity')]));
    return refused ?? seeOther(reply, `${STAFF_ACTIVITIES_PATH}?planlagt=1`);
  });

  app.get(`${STAFF_ACTIVITIES_PATH}/:activityId/ret`, hide, async (request, reply) => {
    const me = await asStaff(request, reply);
    if (!me) return reply;
    const activity = await myActivity(me, request);
    if (!activity || activity.status !== 'scheduled') return notFound(reply, me);
    return sendPage(reply, 200, activityFormPage(me.context, answersOfActivity(me.context.lang, activity), [], activity));
  });
  app.post(`${STAFF_ACTIVITIES_PATH}/:activityId/ret`, hide, async (request, reply) => {
    const me = await asStaff(request, reply);
    if (!me) return reply;
    const activity = await myActivity(me, request);
    if (!activity) return notFound(reply, me);
    const form = checkedForm(reply, me, request.body, activity);
    if ('sent' in form) return form.sent;
    const { answers, checked } = form;
    const context = formContext(`${STAFF_ACTIVITIES_PATH}/${activity.activityId}/ret`, request.body, fingerprint(checked));
    if (!context) return badRequest(reply, me);
    // Everything as the form holds it: the decider records only what changed.
    const { kind: _kind, description, ...rest } = checked;
    const command: ActivityCommand = { type: 'ChangeActivity', ...staffEnvelope(me), data: { activityId: activity.activityId, ...rest, description: description || null } };
    const refused = await attempt(reply, () => run(command, context), (error) => activityFormPage(me.context, answers, [staffRefusal(me, error, 'save-activity')], activity));
    return refused ?? seeOther(reply, `${STAFF_ACTIVITIES_PATH}?rettet=1`);
  });

  app.get(`${STAFF_ACTIVITIES_PATH}/:activityId/aflys`, hide, async (request, reply) => {
    const me = await asStaff(request, reply);
    if (!me) return reply;
    const activity = await myActivity(me, request);
    if (!activity || activity.status !== 'scheduled') return notFound(reply, me);
    return sendPage(reply, 200, cancelActivityPage(me.context, activity));
  });
  app.post(`${STAFF_ACTIVITIES_PATH}/:activityId/aflys`, hide, async (request, reply) => {
    const me = await asStaff(request, reply);
    if (!me) return reply;
    const activity = await myActivity(me, request);
    if (!activity) return notFound(reply, me);
    const context = formContext(`${STAFF_ACTIVITIES_PATH}/${activity.activityId}/aflys`, request.body, { activityId: activity.activityId });
    if (!context) return badRequest(reply, me);
    const command: ActivityCommand = { type: 'CancelActivity', ...staffEnvelope(me), data: { activityId: activity.activityId } };
    const refused = await attempt(reply, () => run(command, context), (error) => cancelActivityPage(me.context, activity, [staffRefusal(me, error, 'confirm-cancel')]));
    return refused ?? seeOther(reply, `${STAFF_ACTIVITIES_PATH}?aflyst=1`);
  });

  app.get(`${STAFF_ACTIVITIES_PATH}/:activityId/fremmoede`, hide, async (request, reply) => {
    const me = await asStaff(request, reply);
    if (!me) return reply;
    const activity = await myActivity(me, request);
    if (!activity || activity.status !== 'scheduled') return notFound(reply, me);
    return sendPage(reply, 200, attendancePage(me.context, activity, Date.now()));
  });
  app.post(`${STAFF_ACTIVITIES_PATH}/:activityId/fremmoede`, hide, async (request, reply) => {
    const me = await asStaff(request, reply);
    if (!me) return reply;
    const activity = await myActivity(me, request);
    if (!activity) return notFound(reply, me);
    const form = formStrings(request.body, ['count']);
    if (!form) return badRequest(reply, me);
    const counted = checkCount(me.context.lang, form.count);
    if ('error' in counted) return sendPage(reply, 400, attendancePage(me.context, activity, Date.now(), form.count, [counted.error]));
    const context = formContext(`${STAFF_ACTIVITIES_PATH}/${activity.activityId}/fremmoede`, request.body, { activityId: activity.activityId, count: String(counted.count) });
    if (!context) return badRequest(reply, me);
    const command: ActivityCommand = { type: 'RecordAttendance', ...staffEnvelope(me), data: { activityId: activity.activityId, count: counted.count } };
    const refused = await attempt(reply, () => run(command, context), (error) => attendancePage(me.context, activity, Date.now(), form.count, [staffRefusal(me, error, 'count')]));
    return refused ?? seeOther(reply, `${STAFF_ACTIVITIES_PATH}?talt=1`);
  });
}

// ---- Groups ----

const GROUP_ANSWER_FIELDS = ['kind', 'name', 'purpose', 'authority'] as const;

function groupRoutes({ app, options, asCitizen, asStaff }: Deps) {
  const { database, commands, vault } = options;
  const db = database.db;
  const run = (command: GroupCommand, context: CommandContext) => commands.handler.handle(groupDecider, command, context);
  const envelope = (me: Signed) => ({ now: at(), principal: me.principal });

  /** How and when a group meets, opened for a member: sealed under the key of the member who wrote it. */
  async function arrangementOf(g: GroupView): Promise<Arrangement> {
    if (!g.arrangement) return null;
    const opened = await vault.open<string>(g.arrangement.sealed);
    return typeof opened === 'string' ? { text: opened, setAt: g.arrangement.setAt } : { erased: true, setAt: g.arrangement.setAt };
  }

  async function citizenView(me: Citizen, asked: string | undefined, notice: GroupNotice | null): Promise<CitizenGroups> {
    const [centres, journey, mine] = await Promise.all([listCentres(db), citizenJourney(db, me.citizenId), groupsOfCitizen(db, me.citizenId)]);
    const centre = centreShown(centres, asked, journey?.open ? journey.centreId : null);
    const mineIds = new Set(mine.map((g) => g.groupId));
    const open = centre ? (await groupsOfCentre(db, centre.centreId)).filter((g) => !mineIds.has(g.groupId)) : [];
    const opened = await Promise.all(mine.map(async (g) => ({ ...g, arrangementOpened: await arrangementOf(g) })));
    return { centres, centre, mine: opened, open, notice };
  }

  async function noticeOf(request: FastifyRequest): Promise<GroupNotice | null> {
    for (const [name, done] of [['medlem', 'joined'], ['forladt', 'left'], ['startet', 'started'], ['moedes', 'arranged']] as const) {
      const id = queryOf(request, name);
      if (!id || !isUuid(id)) continue;
      const group = await groupById(db, id.toLowerCase());
      return group ? { done, name: group.name } : null;
    }
    return null;
  }

  /** An open group the citizen is a member of, by the path's id (null: not theirs, closed, or not there). */
  async function myGroup(me: Citizen, request: FastifyRequest): Promise<GroupView | null> {
    const groupId = idParam(request, 'groupId');
    if (!groupId) return null;
    const [group, member] = await Promise.all([groupById(db, groupId), isMemberOf(db, groupId, me.citizenId)]);
    return group && member && group.status === 'open' ? group : null;
  }

  app.get(GROUPS_PATH, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    return sendPage(reply, 200, groupsPage(me.context, await citizenView(me, queryOf(request, 'centre'), await noticeOf(request))));
  });

  app.post(`${GROUPS_PATH}/:groupId/bliv-medlem`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const groupId = idParam(request, 'groupId');
    const group = groupId ? await groupById(db, groupId) : null;
    if (!group) return notFound(reply, me);
    const context = formContext(`${GROUPS_PATH}/${group.groupId}/bliv-medlem`, request.body, { groupId: group.groupId });
    if (!context) return badRequest(reply, me);
    const joining = (citizenErased: boolean): GroupCommand => ({ type: 'JoinGroup', ...envelope(me), data: { groupId: group.groupId, citizenId: me.citizenId, citizenErased } });
    const refused = await attempt(reply, () => enterAsCitizen(commands.handler, groupDecider, me.citizenId, joining, context, me.principal.id), async (error) => {
      const view = await citizenView(me, group.centreId, null);
      return groupsPage(me.context, view, [refusalIn(me.context.lang, error, joinField(view, group.groupId), GROUP_REFUSALS)]);
    });
    return refused ?? seeOther(reply, `${GROUPS_PATH}?centre=${group.centreId}&medlem=${group.groupId}`);
  });

  app.get(`${GROUPS_PATH}/:groupId/forlad`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const group = await myGroup(me, request);
    return group ? sendPage(reply, 200, leaveGroupPage(me.context, group)) : notFound(reply, me);
  });
  app.post(`${GROUPS_PATH}/:groupId/forlad`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const groupId = idParam(request, 'groupId');
    const group = groupId ? await groupById(db, groupId) : null;
    if (!group) return notFound(reply, me);
    const context = formContext(`${GROUPS_PATH}/${group.groupId}/forlad`, request.body, { groupId: group.groupId });
    if (!context) return badRequest(reply, me);
    const command: GroupCommand = { type: 'LeaveGroup', ...envelope(me), data: { groupId: group.groupId, citizenId: me.citizenId } };
    const refused = await attempt(reply, () => run(command, context), (error) => leaveGroupPage(me.context, group, [refusalIn(me.context.lang, error, 'confirm-leave', GROUP_REFUSALS)]));
    return refused ?? seeOther(reply, `${GROUPS_PATH}?centre=${group.centreId}&forladt=${group.groupId}`);
  });

  app.get(`${GROUPS_PATH}/:groupId/moedes`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const group = await myGroup(me, request);
    if (!group) return notFound(reply, me);
    const arrangement = await arrangementOf(group);
    return sendPage(reply, 200, arrangementPage(me.context, group, arrangement && 'text' in arrangement ? arrangement.text : ''));
  });
  app.post(`${GROUPS_PATH}/:groupId/moedes`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const group = await myGroup(me, request);
    if (!group) return notFound(reply, me);
    const form = formStrings(request.body, ['arrangement']);
    if (!form) return badRequest(reply, me);
    const { lang } = me.context;
    const wrong = arrangementError(lang, form.arrangement);
    if (wrong) return sendPage(reply, 400, arrangementPage(me.context, group, form.arrangement, [wrong]));
    const arrangement = form.arrangement.trim();
    const context = formContext(`${GROUPS_PATH}/${group.groupId}/moedes`, request.body, { groupId: group.groupId, arrangement });
    if (!context) return badRequest(reply, me);
    const command: GroupCommand = { type: 'SetMeetingArrangement', ...envelope(me), data: { groupId: group.groupId, arrangement } };
    const refused = await attempt(reply, () => run(command, context), (error) => arrangementPage(me.context, group, form.arrangement, [refusalIn(lang, error, 'arrangement', GROUP_REFUSALS, GROUP_FIELDS)]));
    return refused ?? seeOther(reply, `${GROUPS_PATH}?centre=${group.centreId}&moedes=${group.groupId}`);
  });

  // ---- A group the citizen starts: the question, "Tjek dine svar", then the command ----

  /** The answers and the centre a start form names; null when the form is none of ours. */
  async function startAnswers(body: unknown) {
    const form = formStrings(body, [...GROUP_ANSWER_FIELDS, 'centreId']);
    if (!form) return null;
    const centre = (await listCentres(db)).find((c) => c.centreId === form.centreId);
    if (!centre) return null;
    const { centreId: _centreId, ...answers } = form;
    return { centre, answers: answers as GroupAnswers };
  }

  app.get(`${GROUPS_PATH}/ny`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const [centres, journey] = await Promise.all([listCentres(db), citizenJourney(db, me.citizenId)]);
    const centre = centreShown(centres, queryOf(request, 'centre'), journey?.open ? journey.centreId : null);
    if (!centre) return seeOther(reply, GROUPS_PATH);
    return sendPage(reply, 200, startGroupPage(me.context, centre, emptyGroup));
  });
  app.post(`${GROUPS_PATH}/ny`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const start = await startAnswers(request.body);
    const errors = start ? checkGroup(me.context.lang, start.answers, CITIZEN_GROUP_KINDS) : null;
    if (!start || !errors) return badRequest(reply, me);
    if (errors.length > 0) return sendPage(reply, 400, startGroupPage(me.context, start.centre, start.answers, errors));
    return sendPage(reply, 200, checkGroupPage(me.context, start.centre, start.answers));
  });
  app.post(`${GROUPS_PATH}/ny/ret`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const start = await startAnswers(request.body);
    if (!start) return badRequest(reply, me);
    return sendPage(reply, 200, startGroupPage(me.context, start.centre, start.answers));
  });
  app.post(`${GROUPS_PATH}/ny/tjek`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const start = await startAnswers(request.body);
    const errors = start ? checkGroup(me.context.lang, start.answers, CITIZEN_GROUP_KINDS) : null;
    if (!start || !errors) return badRequest(reply, me);
    const { centre, answers } = start;
    if (errors.length > 0) return sendPage(reply, 400, startGroupPage(me.context, centre, answers, errors));
    const data = { kind: answers.kind, name: answers.name.trim(), purpose: answers.purpose.trim(), authority: answers.authority.trim() };
    const context = formContext(`${GROUPS_PATH}/ny/tjek`, request.body, { centreId: centre.centreId, ...data });
    if (!context) return badRequest(reply, me);
    const groupId = derivedId(context.commandId, 'groupId');
    const centreKnown = await commands.facts.centreKnown(centre.centreId);
    const starting = (citizenErased: boolean): GroupCommand => ({
      type: 'StartGroup',
      ...envelope(me),
      data: {
        groupId,
        centreId: centre.centreId,
        centreKnown,
        citizenErased,
        partnerKnown: true,
        kind: data.kind,
        name: data.name,
        purpose: data.purpose || null,
        authority: data.authority || null,
      },
    });
    const refused = await attempt(reply, () => enterAsCitizen(commands.handler, groupDecider, me.citizenId, starting, context, me.principal.id), (error) => {
      // A field refused is put right on the question page, where the field is; anything else on the check.
      const refusal = refusalIn(me.context.lang, error, 'confirm-group', GROUP_REFUSALS, GROUP_FIELDS);
      return refusal.field === 'confirm-group' ? checkGroupPage(me.context, centre, answers, [refusal]) : startGroupPage(me.context, centre, answers, [refusal]);
    });
    return refused ?? seeOther(reply, `${GROUPS_PATH}?centre=${centre.centreId}&startet=${groupId}`);
  });

  // ---- Staff ----

  async function centreGroup(me: Staff, request: FastifyRequest): Promise<GroupView | null> {
    const groupId = idParam(request, 'groupId');
    const group = groupId ? await groupById(db, groupId) : null;
    return group && group.centreId === me.centreId ? group : null;
  }
  const staffRefusal = (me: Staff, error: DomainError, field: string) => refusalIn(me.context.lang, error, field, STAFF_GROUP_REFUSALS, { ...GROUP_FIELDS, ...STAFF_GROUP_FIELDS });
  const groupNotice = (request: FastifyRequest) => STAFF_GROUP_NOTICES.find((n) => queryOf(request, n) === '1') ?? null;

  app.get(STAFF_GROUPS_PATH, hide, async (request, reply) => {
    const me = await asStaff(request, reply);
    if (!me) return reply;
    return sendPage(reply, 200, staffGroupsPage(me.context, await groupsOfCentre(db, me.centreId, { includeClosed: true }), groupNotice(request)));
  });

  app.get(`${STAFF_GROUPS_PATH}/ny`, hide, async (request, reply) => {
    const me = await asStaff(request, reply);
    if (!me) return reply;
    return sendPage(reply, 200, staffStartGroupPage(me.context, { ...emptyGroup, partnerId: '' }));
  });
  app.post(`${STAFF_GROUPS_PATH}/ny`, hide, async (request, reply) => {
    const me = await asStaff(request, reply);
    if (!me) return reply;
    const form = formStrings(request.body, [...GROUP_ANSWER_FIELDS, 'partnerId']);
    const errors = form ? checkGroup(me.context.lang, form, GROUP_KINDS) : null;
    if (!form || !errors) return badRequest(reply, me);
    const partner = partnerError(me.context.lang, form.kind, form.partnerId);
    if (partner) errors.push(partner);
    if (errors.length > 0) return sendPage(reply, 400, staffStartGroupPage(me.context, form, errors));
    const data = { kind: form.kind, name: form.name.trim(), purpose: form.purpose.trim(), authority: form.authority.trim(), partnerId: form.partnerId.trim() };
    const context = formContext(`${STAFF_GROUPS_PATH}/ny`, request.body, data);
    if (!context) return badRequest(reply, me);
    const command: GroupCommand = {
      type: 'StartGroup',
      ...envelope(me),
      data: {
        groupId: derivedId(context.commandId, 'groupId'),
        centreId: me.centreId,
        centreKnown: await commands.facts.centreKnown(me.centreId),
        citizenErased: false,
        partnerKnown: !data.partnerId || (await commands.facts.partnerKnown(data.partnerId)),
        kind: data.kind,
        name: data.name,
        purpose: data.purpose || null,
        authority: data.authority || null,
        partnerId: data.partnerId || null,
      },
    };
    const refused = await attempt(reply, () => run(command, context), (error) => staffStartGroupPage(me.context, form, [staffRefusal(me, error, 'save-group')]));
    return refused ?? seeOther(reply, `${STAFF_GROUPS_PATH}?startet=1`);
  });

  app.get(`${STAFF_GROUPS_PATH}/:groupId`, hide, async (request, reply) => {
    const me = await asStaff(request, reply);
    if (!me) return reply;
    const group = await centreGroup(me, request);
    return group ? sendPage(reply, 200, staffGroupPage(me.context, group, undefined, [], groupNotice(request))) : notFound(reply, me);
  });
  app.post(`${STAFF_GROUPS_PATH}/:groupId/moedested`, hide, async (request, reply) => {
    const me = await asStaff(request, reply);
    if (!me) return reply;
    const group = await centreGroup(me, request);
    if (!group) return notFound(reply, me);
    const form = formStrings(request.body, ['link']);
    if (!form) return badRequest(reply, me);
    const wrong = linkError(me.context.lang, form.link);
    if (wrong) return sendPage(reply, 400, staffGroupPage(me.context, group, form.link, [wrong]));
    const link = form.link.trim();
    const context = formContext(`${STAFF_GROUPS_PATH}/${group.groupId}/moedested`, request.body, { groupId: group.groupId, link });
    if (!context) return badRequest(reply, me);
    const command: GroupCommand = { type: 'AttachMeetingPlace', ...envelope(me), data: { groupId: group.groupId, link } };
    const refused = await attempt(reply, () => run(command, context), (error) => staffGroupPage(me.context, group, form.link, [staffRefusal(me, error, 'link')]));
    return refused ?? seeOther(reply, `${STAFF_GROUPS_PATH}/${group.groupId}?moedested=1`);
  });
  app.post(`${STAFF_GROUPS_PATH}/:groupId/fjern-moedested`, hide, async (request, reply) => {
    const me = await asStaff(request, reply);
    if (!me) return reply;
    const group = await centreGroup(me, request);
    if (!group) return notFound(reply, me);
    const context = formContext(`${STAFF_GROUPS_PATH}/${group.groupId}/fjern-moedested`, request.body, { groupId: group.groupId });
    if (!context) return badRequest(reply, me);
    const command: GroupCommand = { type: 'DetachMeetingPlace', ...envelope(me), data: { groupId: group.groupId } };
    const refused = await attempt(reply, () => run(command, context), (error) => staffGroupPage(me.context, group, undefined, [staffRefusal(me, error, group.meetingPlace && group.status === 'open' ? 'detach-place' : 'main-content')]));
    return refused ?? seeOther(reply, `${STAFF_GROUPS_PATH}/${group.groupId}?fjernet=1`);
  });
  app.get(`${STAFF_GROUPS_PATH}/:groupId/luk`, hide, async (request, reply) => {
    const me = await asStaff(request, reply);
    if (!me) return reply;
    const group = await centreGroup(me, request);
    if (!group || group.status !== 'open') return notFound(reply, me);
    // A group with members closes when its members decide: its page says so.
    if (group.members > 0) return seeOther(reply, `${STAFF_GROUPS_PATH}/${group.groupId}`);
    return sendPage(reply, 200, closeGroupPage(me.context, group));
  });
  app.post(`${STAFF_GROUPS_PATH}/:groupId/luk`, hide, async (request, reply) => {
    const me = await asStaff(request, reply);
    if (!me) return reply;
    const group = await centreGroup(me, request);
    if (!group) return notFound(reply, me);
    const context = formContext(`${STAFF_GROUPS_PATH}/${group.groupId}/luk`, request.body, { groupId: group.groupId });
    if (!context) return badRequest(reply, me);
    const command: GroupCommand = { type: 'CloseGroup', ...envelope(me), data: { groupId: group.groupId } };
    const refused = await attempt(reply, () => run(command, context), (error) => closeGroupPage(me.context, group, [staffRefusal(me, error, 'confirm-close')]));
    return refused ?? seeOther(reply, `${STAFF_GROUPS_PATH}?lukket=1`);
  });
}

// ---- The entrepreneurs' track ----

function ventureRoutes({ app, options, asCitizen, asStaff }: Deps) {
  const { database, commands, vault } = options;
  const db = database.db;
  const today = () => danishDate(at());
  const run = (command: VentureCommand, context: CommandContext) => commands.handler.handle(ventureDecider, command, context);
  const command = <T extends VentureCommand['type']>(me: Citizen, type: T, data: Extract<VentureCommand, { type: T }>['data']) =>
    ({ type, citizenId: me.citizenId, now: at(), principal: me.principal, data }) as Extract<VentureCommand, { type: T }>;
  const refusal = (me: Citizen, error: DomainError, field: string): FieldError => refusalIn(me.context.lang, error, field, VENTURE_REFUSALS, VENTURE_FIELDS);

  /** The citizen's own track with their words opened, or null if they never joined. */
  async function trackOf(me: Citizen): Promise<TrackView | null> {
    const view = await ventureOfCitizen(db, me.citizenId);
    if (!view) return null;
    const [opened, centres] = await Promise.all([vault.openAll(view), listCentres(db)]);
    const names = new Map(centres.map((c) => [c.centreId, c.name] as const));
    return trackViewOf(opened, (id) => names.get(id) ?? '–');
  }
  const milestoneOf = (track: TrackView | null, request: FastifyRequest) => {
    const id = idParam(request, 'milestoneId');
    return (id && track?.status === 'joined' && track.milestones.find((m) => m.milestoneId === id)) || null;
  };

  app.get(VENTURE_PATH, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const shown = VENTURE_NOTICES.find((n) => queryOf(request, n) === '1') ?? null;
    return sendPage(reply, 200, venturePage(me.context, await trackOf(me), today(), shown, [], await mentorConversations(db, me.citizenId)));
  });

  // ---- Joining: the question, "Tjek dine svar", then the command ----

  async function joinAnswers(body: unknown): Promise<{ answers: JoinAnswers; centres: Awaited<ReturnType<typeof listCentres>> } | null> {
    const form = formStrings(body, ['centreId', 'businessIdea']);
    return form ? { answers: form, centres: await listCentres(db) } : null;
  }
  app.get(`${VENTURE_PATH}/start`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const [track, centres, journey] = await Promise.all([trackOf(me), listCentres(db), citizenJourney(db, me.citizenId)]);
    if (track?.status === 'joined') return seeOther(reply, VENTURE_PATH);
    const centre = centreShown(centres, undefined, journey?.open ? journey.centreId : null);
    return sendPage(reply, 200, joinPage(me.context, centres, { centreId: centre?.centreId ?? '', businessIdea: '' }));
  });
  app.post(`${VENTURE_PATH}/start`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const join = await joinAnswers(request.body);
    if (!join) return badRequest(reply, me);
    const errors = joinErrors(me.context.lang, join.answers, join.centres);
    const centre = join.centres.find((c) => c.centreId === join.answers.centreId);
    if (errors.length > 0 || !centre) return sendPage(reply, 400, joinPage(me.context, join.centres, join.answers, errors));
    return sendPage(reply, 200, checkJoinPage(me.context, centre, join.answers));
  });
  app.post(`${VENTURE_PATH}/start/ret`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const join = await joinAnswers(request.body);
    if (!join) return badRequest(reply, me);
    return sendPage(reply, 200, joinPage(me.context, join.centres, join.answers));
  });
  app.post(`${VENTURE_PATH}/start/tjek`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const join = await joinAnswers(request.body);
    if (!join) return badRequest(reply, me);
    const { answers, centres } = join;
    const errors = joinErrors(me.context.lang, answers, centres);
    const centre = centres.find((c) => c.centreId === answers.centreId);
    if (errors.length > 0 || !centre) return sendPage(reply, 400, joinPage(me.context, centres, answers, errors));
    const businessIdea = answers.businessIdea.trim();
    const context = formContext(`${VENTURE_PATH}/start/tjek`, request.body, { centreId: centre.centreId, businessIdea });
    if (!context) return badRequest(reply, me);
    const centreKnown = await commands.facts.centreKnown(centre.centreId);
    const joining = (citizenErased: boolean) => command(me, 'JoinTrack', { centreId: centre.centreId, centreKnown, citizenErased, ...(businessIdea ? { businessIdea } : {}) });
    const refused = await attempt(reply, () => enterAsCitizen(commands.handler, ventureDecider, me.citizenId, joining, context, me.principal.id), (error) => {
      const why = refusal(me, error, 'confirm-join');
      return why.field === 'confirm-join' ? checkJoinPage(me.context, centre, answers, [why]) : joinPage(me.context, centres, answers, [why]);
    });
    return refused ?? seeOther(reply, `${VENTURE_PATH}?startet=1`);
  });

  // ---- Milestones ----

  const milestoneForm = (body: unknown): MilestoneAnswers | null => formStrings(body, ['text', 'hopedMonth', 'hopedYear']);
  const thisYear = () => Number(today().slice(0, 4));

  app.get(`${VENTURE_PATH}/delmaal`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    if ((await trackOf(me))?.status !== 'joined') return seeOther(reply, VENTURE_PATH);
    return sendPage(reply, 200, milestonePage(me.context, { text: '', hopedMonth: '', hopedYear: '' }, thisYear()));
  });
  app.post(`${VENTURE_PATH}/delmaal`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const answers = milestoneForm(request.body);
    const checked = answers ? checkMilestone(me.context.lang, answers) : null;
    if (!answers || !checked) return badRequest(reply, me);
    if (checked.errors.length > 0) return sendPage(reply, 400, milestonePage(me.context, answers, thisYear(), checked.errors));
    const context = formContext(`${VENTURE_PATH}/delmaal`, request.body, { text: checked.text, hopedFor: checked.hopedFor ?? '' });
    if (!context) return badRequest(reply, me);
    const set = command(me, 'SetMilestone', { milestoneId: derivedId(context.commandId, 'milestoneId'), text: checked.text, ...(checked.hopedFor ? { hopedFor: checked.hopedFor } : {}) });
    const refused = await attempt(reply, () => run(set, context), (error) => milestonePage(me.context, answers, thisYear(), [refusal(me, error, 'save-milestone')]));
    return refused ?? seeOther(reply, `${VENTURE_PATH}?delmaal=1`);
  });

  app.get(`${VENTURE_PATH}/delmaal/:milestoneId/ret`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const milestone = milestoneOf(await trackOf(me), request);
    if (!milestone) return notFound(reply, me);
    return sendPage(reply, 200, milestonePage(me.context, milestoneAnswersOf(milestone, me.context.lang), thisYear(), [], milestone.milestoneId));
  });
  app.post(`${VENTURE_PATH}/delmaal/:milestoneId/ret`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const milestoneId = idParam(request, 'milestoneId');
    if (!milestoneId) return notFound(reply, me);
    const answers = milestoneForm(request.body);
    const checked = answers ? checkMilestone(me.context.lang, answers) : null;
    if (!answers || !checked) return badRequest(reply, me);
    const again = (errors: FieldError[]) => milestonePage(me.context, answers, thisYear(), errors, milestoneId);
    if (checked.errors.length > 0) return sendPage(reply, 400, again(checked.errors));
    const context = formContext(`${VENTURE_PATH}/delmaal/${milestoneId}/ret`, request.body, { milestoneId, text: checked.text, hopedFor: checked.hopedFor ?? '' });
    if (!context) return badRequest(reply, me);
    const revise = command(me, 'ReviseMilestone', { milestoneId, text: checked.text, ...(checked.hopedFor ? { hopedFor: checked.hopedFor } : {}) });
    const refused = await attempt(reply, () => run(revise, context), (error) => again([refusal(me, error, 'save-milestone')]));
    return refused ?? seeOther(reply, `${VENTURE_PATH}?rettet=1`);
  });

  app.post(`${VENTURE_PATH}/delmaal/:milestoneId/naaet`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const milestoneId = idParam(request, 'milestoneId');
    if (!milestoneId) return notFound(reply, me);
    const context = formContext(`${VENTURE_PATH}/delmaal/${milestoneId}/naaet`, request.body, { milestoneId });
    if (!context) return badRequest(reply, me);
    const refused = await attempt(reply, () => run(command(me, 'MarkMilestoneReached', { milestoneId }), context), async (error) => {
      const track = await trackOf(me);
      const shown = track?.status === 'joined' && track.milestones.some((m) => m.milestoneId === milestoneId && m.status === 'open');
      return venturePage(me.context, track, today(), null, [refusal(me, error, shown ? `reach-${milestoneId}` : 'main-content')]);
    });
    return refused ?? seeOther(reply, `${VENTURE_PATH}?naaet=1`);
  });

  app.get(`${VENTURE_PATH}/delmaal/:milestoneId/fjern`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const milestone = milestoneOf(await trackOf(me), request);
    return milestone ? sendPage(reply, 200, removeMilestonePage(me.context, milestone)) : notFound(reply, me);
  });
  app.post(`${VENTURE_PATH}/delmaal/:milestoneId/fjern`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const milestoneId = idParam(request, 'milestoneId');
    if (!milestoneId) return notFound(reply, me);
    const context = formContext(`${VENTURE_PATH}/delmaal/${milestoneId}/fjern`, request.body, { milestoneId });
    if (!context) return badRequest(reply, me);
    const refused = await attempt(reply, () => run(command(me, 'RemoveMilestone', { milestoneId }), context), async (error) => {
      const milestone = milestoneOf(await trackOf(me), request);
      const why = refusal(me, error, milestone ? 'confirm-remove' : 'main-content');
      return milestone ? removeMilestonePage(me.context, milestone, [why]) : refusedPage(me.context, [why]);
    });
    return refused ?? seeOther(reply, `${VENTURE_PATH}?fjernet=1`);
  });

  // ---- How it is going: a quarter's check-in, if the citizen wants to give one ----

  const quartersOf = (track: TrackView) => quartersFor(danishDate(track.memberships[0]!.joinedAt), today());
  app.get(`${VENTURE_PATH}/status`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const track = await trackOf(me);
    if (track?.status !== 'joined') return seeOther(reply, VENTURE_PATH);
    const quarters = quartersOf(track);
    return sendPage(reply, 200, checkInPage(me.context, quarters, { quarter: quarters[0] ?? '', status: '', note: '' }));
  });
  app.post(`${VENTURE_PATH}/status`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const track = await trackOf(me);
    if (track?.status !== 'joined') return seeOther(reply, VENTURE_PATH);
    const quarters = quartersOf(track);
    const answers = formStrings(request.body, ['quarter', 'status', 'note']);
    const checked = answers ? checkCheckIn(me.context.lang, answers, quarters) : null;
    if (!answers || !checked) return badRequest(reply, me);
    if (checked.errors.length > 0 || !checked.status) return sendPage(reply, 400, checkInPage(me.context, quarters, answers, checked.errors));
    const note = answers.note.trim();
    const context = formContext(`${VENTURE_PATH}/status`, request.body, { quarter: answers.quarter, status: checked.status, note });
    if (!context) return badRequest(reply, me);
    const checkIn = command(me, 'RecordCheckIn', { quarter: answers.quarter, status: checked.status, ...(note ? { note } : {}) });
    const refused = await attempt(reply, () => run(checkIn, context), (error) => checkInPage(me.context, quarters, answers, [refusal(me, error, 'save-check-in')]));
    return refused ?? seeOther(reply, `${VENTURE_PATH}?status=1`);
  });

  // ---- The business: when it started, and whether it still runs once each anniversary has come ----

  app.get(`${VENTURE_PATH}/virksomhed`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const track = await trackOf(me);
    if (!track) return seeOther(reply, VENTURE_PATH);
    const start = track.businessStart;
    const typed = start ? `${Number(start.startedOn.slice(8, 10))}.${Number(start.startedOn.slice(5, 7))}.${start.startedOn.slice(0, 4)}` : '';
    return sendPage(reply, 200, businessStartPage(me.context, { startedOn: typed, hasCvr: start?.hasCvr === true ? 'yes' : start?.hasCvr === false ? 'no' : '' }));
  });
  app.post(`${VENTURE_PATH}/virksomhed`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const answers = formStrings(request.body, ['startedOn', 'hasCvr']);
    const checked = answers ? checkStart(me.context.lang, answers, today()) : null;
    if (!answers || !checked) return badRequest(reply, me);
    if (checked.errors.length > 0 || !checked.startedOn) return sendPage(reply, 400, businessStartPage(me.context, answers, checked.errors));
    const context = formContext(`${VENTURE_PATH}/virksomhed`, request.body, { startedOn: checked.startedOn, hasCvr: answers.hasCvr });
    if (!context) return badRequest(reply, me);
    const started = command(me, 'RecordBusinessStarted', { startedOn: checked.startedOn, ...(checked.hasCvr === undefined ? {} : { hasCvr: checked.hasCvr }) });
    const refused = await attempt(reply, () => run(started, context), (error) => businessStartPage(me.context, answers, [refusal(me, error, 'startedOn')]));
    return refused ?? seeOther(reply, `${VENTURE_PATH}?virksomhed=1`);
  });

  const yearsParam = (request: FastifyRequest) => SURVIVAL_YEARS.find((y) => String(y) === fieldOf(request.params, 'years')) ?? null;
  app.get(`${VENTURE_PATH}/drift/:years`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const years = yearsParam(request);
    const track = await trackOf(me);
    const start = track?.businessStart;
    // Asked only once that anniversary has come: before it, the question is not there.
    if (!track || !years || !start || !anniversaryReached(start.startedOn, years, today())) return notFound(reply, me);
    const answer = track.survival.find((s) => s.years === years);
    return sendPage(reply, 200, survivalQuestionPage(me.context, years, start.startedOn, answer ? (answer.running ? 'yes' : 'no') : undefined));
  });
  app.post(`${VENTURE_PATH}/drift/:years`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const years = yearsParam(request);
    const start = (await trackOf(me))?.businessStart;
    if (!years || !start) return notFound(reply, me);
    const form = formStrings(request.body, ['running']);
    if (!form || !['', 'yes', 'no'].includes(form.running)) return badRequest(reply, me);
    if (form.running === '') return sendPage(reply, 400, survivalQuestionPage(me.context, years, start.startedOn, undefined, [survivalMissing(me.context.lang)]));
    const context = formContext(`${VENTURE_PATH}/drift/${years}`, request.body, { years: String(years), running: form.running });
    if (!context) return badRequest(reply, me);
    const report = command(me, 'ReportSurvival', { years, running: form.running === 'yes' });
    const refused = await attempt(reply, () => run(report, context), (error) => survivalQuestionPage(me.context, years, start.startedOn, form.running, [refusal(me, error, 'running')]));
    return refused ?? seeOther(reply, `${VENTURE_PATH}?svar=1`);
  });

  // ---- Leaving, and the citizen's own file ----

  app.get(`${VENTURE_PATH}/forlad`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    if ((await trackOf(me))?.status !== 'joined') return seeOther(reply, VENTURE_PATH);
    return sendPage(reply, 200, leaveTrackPage(me.context));
  });
  app.post(`${VENTURE_PATH}/forlad`, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const form = formStrings(request.body, ['reason']);
    if (!form) return badRequest(reply, me);
    const wrong = reasonError(me.context.lang, form.reason);
    if (wrong) return sendPage(reply, 400, leaveTrackPage(me.context, form.reason, [wrong]));
    const reason = form.reason.trim();
    const context = formContext(`${VENTURE_PATH}/forlad`, request.body, { reason });
    if (!context) return badRequest(reply, me);
    const refused = await attempt(reply, () => run(command(me, 'LeaveTrack', reason ? { reason } : {}), context), (error) => leaveTrackPage(me.context, form.reason, [refusal(me, error, 'confirm-leave')]));
    return refused ?? seeOther(reply, `${VENTURE_PATH}?forladt=1`);
  });

  app.get(SUMMARY_PATH, hide, async (request, reply) => {
    const me = await asCitizen(request, reply);
    if (!me) return reply;
    const track = await trackOf(me);
    if (!track) return notFound(reply, me);
    const { lang } = me.context;
    return reply
      .type('text/plain; charset=utf-8')
      .header('content-disposition', `attachment; filename="${summaryFileName(lang)}"`)
      .send(summaryText(lang, track, new Date()));
  });

  // ---- Staff: the survival share, in counts ----

  app.get(STAFF_VENTURES_PATH, hide, async (request, reply) => {
    const me = await asStaff(request, reply);
    if (!me) return reply;
    return sendPage(reply, 200, survivalPage(me.context, publishSurvival(await survivalShare(db, { centreId: me.centreId, today: today() }))));
  });
}
