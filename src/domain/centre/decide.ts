import { match } from 'ts-pattern';
import type { CommandEnvelope, Decider } from '../shared/decider.js';
import { authoriseForCentre, tidyText } from '../shared/checks.js';
import { Conflict, Forbidden, InvalidValue, NotFound } from '../shared/errors.js';
import {
  CENTRE_EVENT_SCHEMA_VERSIONS,
  CLOSED_ALL_WEEK,
  type Centre,
  type CentreEvent,
  centreStreamId,
  evolve,
  initialState,
  type OpeningHours,
  WEEKDAYS,
} from './centre.js';
import { municipalityByCode } from './municipalities.js';

export type EstablishCentre = CommandEnvelope & {
  type: 'EstablishCentre';
  data: { centreId: string; municipalityCode: string; name: string; openingHours?: OpeningHours };
};
/** `actorSits`: whether the acting board member holds a seat on the centre's board now (a fact from the board's stream). */
export type RenameCentre = CommandEnvelope & { type: 'RenameCentre'; data: { centreId: string; name: string; actorSits: boolean } };
export type SetOpeningHours = CommandEnvelope & {
  type: 'SetOpeningHours';
  data: { centreId: string; openingHours: OpeningHours; actorSits: boolean };
};

export type CentreCommand = EstablishCentre | RenameCentre | SetOpeningHours;

export const NAME_MAX = 120;

export function decide(command: CentreCommand, state: Centre): CentreEvent[] {
  return match(command)
    .with({ type: 'EstablishCentre' }, (c) => establish(c, state))
    .with({ type: 'RenameCentre' }, (c) => rename(c, state))
    .with({ type: 'SetOpeningHours' }, (c) => setOpeningHours(c, state))
    .exhaustive();
}

function establish(command: EstablishCentre, state: Centre): CentreEvent[] {
  if (command.principal.role !== 'admin') throw new Forbidden('only an administrator establishes a centre', { role: command.principal.role });
  const { centreId, municipalityCode } = command.data;
  const municipality = municipalityByCode(municipalityCode);
  if (!municipality) throw new InvalidValue('municipalityCode', 'not one of the 98 Danish municipality codes');
  if (state.status !== 'none') throw new Conflict('centre_exists', 'the centre is already established', { centreId });
  const openingHours = command.data.openingHours ?? CLOSED_ALL_WEEK;
  checkOpeningHours(openingHours);
  return [
    {
      type: 'CentreEstablished',
      data: { centreId, municipalityCode: municipality.code, name: checkName(command.data.name), openingHours },
    },
  ];
}

function rename(command: RenameCentre, state: Centre): CentreEvent[] {
  const centre = existing(state, command.data.centreId);
  authoriseForCentre(command.principal, centre.centreId, ['board_member']);
  seated(command);
  const name = checkName(command.data.name);
  if (name === centre.name) return [];
  return [{ type: 'CentreRenamed', data: { centreId: centre.centreId, name } }];
}

function setOpeningHours(command: SetOpeningHours, state: Centre): CentreEvent[] {
  const centre = existing(state, command.data.centreId);
  authoriseForCentre(command.principal, centre.centreId, ['board_member', 'staff']);
  seated(command);
  const openingHours = command.data.openingHours;
  checkOpeningHours(openingHours);
  if (JSON.stringify(openingHours) === JSON.stringify(centre.openingHours)) return [];
  return [{ type: 'CentreOpeningHoursSet', data: { centreId: centre.centreId, openingHours } }];
}

/** A board member acts for the centre only while they hold a seat on its board, not on the strength of a token. */
function seated(command: RenameCentre | SetOpeningHours): void {
  if (command.principal.role === 'board_member' && !command.data.actorSits) throw new Forbidden('only a sitting member of the centre’s board acts for it', { memberId: command.principal.id });
}

function existing(state: Centre, centreId: string) {
  if (state.status !== 'established') throw new NotFound('centre_not_found', 'no such centre', { centreId });
  return state;
}

const checkName = (raw: string) => tidyText(raw, 'name', NAME_MAX, 'a centre needs a name');

const TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
const minutes = (t: string) => (t === '24:00' ? 24 * 60 : Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5)));

function checkOpeningHours(hours: OpeningHours): void {
  for (const day of WEEKDAYS) {
    let previousClose = -1;
    for (const [i, interval] of (hours[day] ?? []).entries()) {
      const field = `openingHours.${day}.${i}`;
      if (!TIME.test(interval.opens) || interval.opens === '24:00') throw new InvalidValue(`${field}.opens`, 'a time HH:MM before 24:00');
      if (!TIME.test(interval.closes)) throw new InvalidValue(`${field}.closes`, 'a time HH:MM up to 24:00');
      if (minutes(interval.closes) <= minutes(interval.opens)) throw new InvalidValue(`${field}.closes`, 'must be after opens');
      if (minutes(interval.opens) < previousClose) throw new InvalidValue(`${field}.opens`, 'intervals must be in order and not overlap');
      previousClose = minutes(interval.closes);
    }
  }
}

export const centreDecider: Decider<Centre, CentreCommand, CentreEvent> = {
  initialState,
  evolve,
  decide,
  streamId: (command) => centreStreamId(command.data.centreId),
  schemaVersions: CENTRE_EVENT_SCHEMA_VERSIONS,
  centreOf: (_state, command) => command.data.centreId,
};
