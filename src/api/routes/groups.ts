/**
 * Groups (issue 13): citizens meeting each other, a partner or an authority. Staff help start one,
 * or a citizen starts one and is its first member. Joining and leaving are only ever the member's
 * own act; a member records how and when the group meets (sealed as theirs); the centre may attach
 * a virtual meeting place. Nobody outside a group learns who is in it: the lists give a count, and
 * how and where it meets only to its members and the centre's staff.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Facts } from '../../commands/facts.js';
import { enterAsCitizen } from '../../commands/citizen-entry.js';
import type { CommandHandler } from '../../commands/handler.js';
import type { Database } from '../../database/connect.js';
import { ARRANGEMENT_MAX, AUTHORITY_MAX, groupDecider, LINK_MAX, NAME_MAX, PURPOSE_MAX } from '../../domain/group/decide.js';
import { GROUP_KINDS } from '../../domain/group/group.js';
import { Forbidden } from '../../domain/shared/errors.js';
import type { Principal } from '../../domain/shared/principal.js';
import type { TokenVerifier } from '../../identity/tokens.js';
import type { PersonalData } from '../../privacy/sealed.js';
import { groupsOfCentre, groupsOfCitizen, type GroupView } from '../../projections/groups/queries.js';
import { authenticatedContext, principalOf } from '../auth.js';
import { commandRoute } from '../command-route.js';
import { mergeProblems, type ProblemCodes, SIGNED_IN, type Tag } from '../openapi.js';
import { openedText, personal, text, uuid } from '../schemas.js';

export interface GroupRoutesOptions {
  database: Database;
  facts: Facts;
  handler: CommandHandler;
  verify: TokenVerifier;
  /** Opens the meeting arrangement for members and staff. */
  vault: PersonalData;
}

// Groups meet at and around a centre.
const tag: Tag = 'groups';

const groupParams = z.object({ groupId: uuid }).strict();
const memberParams = groupParams.extend({ citizenId: z.string().min(1).max(100) }).strict();
const empty = z.object({}).strict().nullish();

const groupView = z
  .object({
    groupId: z.string(),
    centreId: z.string(),
    kind: z.enum(GROUP_KINDS),
    name: z.string(),
    purpose: z.string().nullable(),
    partnerId: z.string().nullable().describe('For a citizen-to-partner group'),
    authority: z.string().nullable().describe('For a citizen-to-authority group'),
    startedBy: z.enum(['citizen', 'staff']),
    status: z.enum(['open', 'closed']),
    members: z.number().int().describe('How many are members: a count, never who'),
    meetingPlace: z.string().nullable().describe('The virtual meeting place: for its members and the centre’s staff (null for others)'),
    arrangement: z
      .object({ text: z.string().describe('As a member wrote it; `(slettet)` once erased'), setAt: z.string() })
      .nullable()
      .describe('How and when it meets, as a member last recorded it: for its members and the centre’s staff (null for others)'),
    startedAt: z.string(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'Group' });

const onGroup: ProblemCodes = { 404: ['group_not_found'], 409: ['group_closed'] };
const wording: ProblemCodes = { 400: ['coercive_wording'] };

/** Groups: started, joined and left, arranged by their members. */
export const groupRoutes: FastifyPluginAsync<GroupRoutesOptions> = async (app, { database, facts, handler, verify, vault }) => {
  const authed = authenticatedContext(app, verify);
  const group = { handler, decider: groupDecider };

  /** A group as a reader sees it: how and where it meets only for its members and the centre's staff. Never a sealed object. */
  const shown = async (g: GroupView, inside: boolean) => ({
    groupId: g.groupId,
    centreId: g.centreId,
    kind: g.kind,
    name: g.name,
    purpose: g.purpose,
    partnerId: g.partnerId,
    authority: g.authority,
    startedBy: g.startedBy,
    status: g.status,
    members: g.members,
    meetingPlace: inside ? g.meetingPlace : null,
    arrangement: inside && g.arrangement ? { text: (await openedText(vault, g.arrangement.sealed)) ?? '', setAt: g.arrangement.setAt } : null,
    startedAt: g.startedAt,
    closedAt: g.closedAt,
  });
  const staffOf = (p: Principal, centreId: string) => p.role === 'staff' && p.centreId === centreId;

  commandRoute(authed, {
    url: '/centres/:centreId/groups',
    operationId: 'startGroup',
    examples: [
      { kind: 'citizen_to_citizen', name: 'Iværksættere på Nørrebro', purpose: 'Vi deler erfaringer med at starte for os selv.' },
      { kind: 'citizen_to_partner', name: 'Løbeklub med Fitness Fyn', partnerId: '019a2051-8d10-7c1e-9a4b-3f6e2d1c0b9a' },
      { kind: 'citizen_to_authority', name: 'Spørg kommunen om boligsøgning', authority: 'Odense Kommune, Borgerservice' },
    ],
    problems: mergeProblems(wording, { 404: ['centre_not_found', 'partner_not_found'], 409: ['group_exists', 'citizen_erased'] }),
    tag,
    summary: 'Start a group: staff of the centre help start one (and become no member), or a citizen starts one and is its first member',
    params: z.object({ centreId: uuid }).strict(),
    body: z
      .object({
        kind: z.enum(GROUP_KINDS),
        name: text(1, NAME_MAX),
        purpose: text(1, PURPOSE_MAX).optional(),
        partnerId: uuid.optional().describe('For a citizen-to-partner group only: the partner it meets'),
        authority: text(1, AUTHORITY_MAX).optional().describe('For a citizen-to-authority group only: the authority it meets'),
      })
      .strict(),
    status: 201,
    creates: ['groupId'],
    topLevel: ['groupId'],
    // A process: a citizen's journey is read and checked again when the group is appended, so an erasure committing in between refuses it.
    process: async ({ params, body, newId, principal, now, context }) => {
      const centreKnown = await facts.centreKnown(params.centreId);
      const partnerKnown = body.partnerId === undefined || (await facts.partnerKnown(body.partnerId));
      const groupId = newId('groupId');
      return enterAsCitizen(
        handler,
        groupDecider,
        principal.role === 'citizen' ? principal.id : null,
        (citizenErased) => ({ type: 'StartGroup' as const, principal, now, data: { groupId, centreId: params.centreId, centreKnown, citizenErased, partnerKnown, ...body } }),
        context,
        principal.id,
      );
    },
  });
  commandRoute(authed, {
    url: '/groups/:groupId/members/:citizenId',
    operationId: 'joinGroup',
    examples: [{}],
    problems: mergeProblems(onGroup, { 409: ['citizen_erased'] }),
    tag,
    summary: 'The citizen joins a group (only themselves: nobody adds anyone); joining again changes nothing',
    params: memberParams,
    body: empty,
    process: ({ params: { groupId, citizenId }, principal, now, context }) =>
      enterAsCitizen(
        handler,
        groupDecider,
        citizenId,
        (citizenErased) => ({ type: 'JoinGroup' as const, principal, now, data: { groupId, citizenId, citizenErased } }),
        context,
        principal.id,
      ),
  });
  commandRoute(authed, group, {
    url: '/groups/:groupId/members/:citizenId/leave',
    operationId: 'leaveGroup',
    examples: [{}],
    problems: onGroup,
    tag,
    summary: 'A member leaves a group, at any time and without consequence (only themselves: nobody removes anyone)',
    params: memberParams,
    body: empty,
    command: ({ params }) => ({ type: 'LeaveGroup' as const, data: { groupId: params.groupId, citizenId: params.citizenId } }),
  });
  commandRoute(authed, group, {
    method: 'PUT',
    url: '/groups/:groupId/meeting-arrangement',
    operationId: 'setMeetingArrangement',
    examples: [{ arrangement: 'Vi mødes hver anden onsdag kl. 19 i caféen, og skriver sammen i gruppens chat.' }],
    problems: mergeProblems(onGroup, wording, { 410: ['personal_data_erased'] }),
    tag,
    summary: 'A member records how and when the group meets, as the group decided (members only, never staff)',
    params: groupParams,
    body: z.object({ arrangement: personal(ARRANGEMENT_MAX, 'the key of the member who wrote it') }).strict(),
    command: ({ params, body }) => ({ type: 'SetMeetingArrangement' as const, data: { groupId: params.groupId, arrangement: body.arrangement } }),
  });
  commandRoute(authed, group, {
    method: 'PUT',
    url: '/groups/:groupId/meeting-place',
    operationId: 'attachMeetingPlace',
    examples: [{ link: 'https://moede.virkelyst.dk/iværksættere' }],
    problems: mergeProblems(onGroup, wording),
    tag,
    summary: 'The centre attaches a virtual meeting place, an https link, replacing any earlier one (staff of the centre)',
    params: groupParams,
    body: z.object({ link: text(1, LINK_MAX) }).strict(),
    command: ({ params, body }) => ({ type: 'AttachMeetingPlace' as const, data: { groupId: params.groupId, link: body.link } }),
  });
  commandRoute(authed, group, {
    url: '/groups/:groupId/meeting-place/detach',
    operationId: 'detachMeetingPlace',
    examples: [{}],
    problems: onGroup,
    tag,
    summary: 'The centre takes the virtual meeting place away (staff of the centre)',
    params: groupParams,
    body: empty,
    command: ({ params }) => ({ type: 'DetachMeetingPlace' as const, data: { groupId: params.groupId } }),
  });
  commandRoute(authed, group, {
    url: '/groups/:groupId/close',
    operationId: 'closeGroup',
    examples: [{}],
    problems: mergeProblems(onGroup, { 422: ['group_has_members'] }),
    tag,
    summary: 'Close a group: any member, when the group decides; staff of the centre only a group without members',
    params: groupParams,
    body: empty,
    command: ({ params }) => ({ type: 'CloseGroup' as const, data: { groupId: params.groupId } }),
  });

  authed.add((a) => {
    const r = a.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/centres/:centreId/groups',
      {
        schema: {
          operationId: 'listGroupsOfCentre',
          tags: [tag],
          summary: 'A centre’s open groups, by name, each with how many are members, never who (staff of the centre, citizens, administrators); how and where a group meets only for its members and the staff',
          security: SIGNED_IN,
          params: z.object({ centreId: uuid }).strict(),
          response: { 200: z.object({ groups: z.array(groupView) }) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        const { centreId } = request.params;
        if (!(p.role === 'citizen' || p.role === 'admin' || staffOf(p, centreId))) throw new Forbidden('a centre’s groups are listed for its staff and for citizens', { role: p.role });
        const groups = await groupsOfCentre(database.db, centreId);
        const mine = p.role === 'citizen' ? new Set((await groupsOfCitizen(database.db, p.id)).map((g) => g.groupId)) : new Set<string>();
        return { groups: await Promise.all(groups.map((g) => shown(g, staffOf(p, centreId) || mine.has(g.groupId)))) };
      },
    );
    r.get(
      '/citizens/:citizenId/groups',
      {
        schema: {
          operationId: 'listGroupsOfCitizen',
          tags: [tag],
          summary: 'The open groups the citizen is a member of, by name, with how and where each meets (the citizen themselves)',
          security: SIGNED_IN,
          params: z.object({ citizenId: z.string().min(1).max(100) }).strict(),
          response: { 200: z.object({ groups: z.array(groupView.extend({ joinedAt: z.string() })) }) },
        },
      },
      async (request) => {
        const p = principalOf(request);
        if (p.role !== 'citizen' || p.id !== request.params.citizenId) throw new Forbidden('a citizen’s groups are their own to read', { role: p.role });
        const groups = await groupsOfCitizen(database.db, p.id);
        return { groups: await Promise.all(groups.map(async (g) => ({ ...(await shown(g, true)), joinedAt: g.joinedAt }))) };
      },
    );
  });
};
