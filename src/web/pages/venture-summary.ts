/**
 * The citizen's own progress on the entrepreneurs' track as a plain text file, in their language:
 * their memberships and idea, their milestones (with the month they hoped for, and when reached),
 * how it went each quarter they chose to say, their business's start and whether it still ran.
 * Only what the citizen wrote or said themselves: the track has nothing of staff's, and nothing
 * about money of any kind. Dates in words, never codes. The file is theirs to send wherever they
 * choose; nothing is sent for them.
 */
import { formatDay, type Lang, type Message, say } from '../i18n.js';
import { monthText, quarterText } from './activities-parts.js';
import { BUSINESS_STATUS_LABELS, type TrackView, wordsText, yearsOn } from './venture.js';

const T = {
  title: { da: 'Mit iværksætterforløb', en: 'My entrepreneurs’ track' },
  made: { da: 'Hentet fra Virkelyst {day}. Filen er din; den er ikke sendt til nogen.', en: 'Downloaded from Virkelyst on {day}. The file is yours; it has not been sent to anyone.' },
  track: { da: 'Forløbet', en: 'The track' },
  at: { da: 'Med hos {centre} fra {from}', en: 'At {centre} from {from}' },
  until: { da: ' til {to}', en: ' to {to}' },
  idea: { da: 'Min idé', en: 'My idea' },
  why: { da: 'Hvorfor jeg stoppede', en: 'Why I stopped' },
  milestones: { da: 'Mine delmål', en: 'My milestones' },
  noMilestones: { da: 'Ingen delmål.', en: 'No milestones.' },
  set: { da: 'Sat {day}', en: 'Set on {day}' },
  hoped: { da: 'Måneden, jeg håber på: {month}', en: 'The month I hope for: {month}' },
  reached: { da: 'Nået {day}', en: 'Reached on {day}' },
  notYet: { da: 'Ikke nået endnu', en: 'Not reached yet' },
  checkIns: { da: 'Sådan gik det', en: 'How it went' },
  noCheckIns: { da: 'Intet skrevet.', en: 'Nothing written.' },
  note: { da: 'Note', en: 'Note' },
  business: { da: 'Min virksomhed', en: 'My business' },
  started: { da: 'Startede {day}', en: 'Started on {day}' },
  notStarted: { da: 'Ingen startdato skrevet.', en: 'No start date written.' },
  cvr: { da: 'CVR-nummer: {answer}', en: 'CVR number: {answer}' },
  yes: { da: 'ja', en: 'yes' },
  no: { da: 'nej', en: 'no' },
  ran: { da: '{when}: kørte stadig (svaret {day})', en: '{when}: still running (answered on {day})' },
  stopped: { da: '{when}: kørte ikke længere (svaret {day})', en: '{when}: no longer running (answered on {day})' },
} satisfies Record<string, Message>;

/** The file's name, in the reader's language (ASCII, so every mail program keeps it). */
export const summaryFileName = (lang: Lang) => (lang === 'da' ? 'virkelyst-mit-ivaerksaetterforloeb.txt' : 'virkelyst-my-entrepreneurs-track.txt');

/** The whole file: headed sections, one line an item, indented details. */
export function summaryText(lang: Lang, track: TrackView, now: Date): string {
  const lines: string[] = [];
  const heading = (text: string) => lines.push('', text, '='.repeat(text.length));
  lines.push(say(lang, T.title), '='.repeat(say(lang, T.title).length), say(lang, T.made, { day: formatDay(lang, now) }));

  heading(say(lang, T.track));
  for (const m of track.memberships) {
    lines.push(`- ${say(lang, T.at, { centre: m.centreName, from: formatDay(lang, m.joinedAt) })}${m.leftAt ? say(lang, T.until, { to: formatDay(lang, m.leftAt) }) : ''}`);
    if (m.businessIdea) lines.push(`  ${say(lang, T.idea)}: ${wordsText(lang, m.businessIdea)}`);
    if (m.leftReason) lines.push(`  ${say(lang, T.why)}: ${wordsText(lang, m.leftReason)}`);
  }

  heading(say(lang, T.milestones));
  if (track.milestones.length === 0) lines.push(say(lang, T.noMilestones));
  for (const m of track.milestones) {
    lines.push(`- ${wordsText(lang, m.text)}`);
    lines.push(`  ${say(lang, T.set, { day: formatDay(lang, m.setAt) })}`);
    if (m.hopedFor) lines.push(`  ${say(lang, T.hoped, { month: monthText(lang, m.hopedFor) })}`);
    lines.push(`  ${m.reachedAt ? say(lang, T.reached, { day: formatDay(lang, m.reachedAt) }) : say(lang, T.notYet)}`);
  }

  heading(say(lang, T.checkIns));
  if (track.checkIns.length === 0) lines.push(say(lang, T.noCheckIns));
  for (const c of track.checkIns) {
    lines.push(`- ${quarterText(lang, c.quarter)}: ${say(lang, BUSINESS_STATUS_LABELS[c.status])}`);
    if (c.note) lines.push(`  ${say(lang, T.note)}: ${wordsText(lang, c.note)}`);
  }

  heading(say(lang, T.business));
  const start = track.businessStart;
  if (!start) lines.push(say(lang, T.notStarted));
  else {
    lines.push(`- ${say(lang, T.started, { day: formatDay(lang, start.startedOn) })}`);
    if (start.hasCvr !== null) lines.push(`- ${say(lang, T.cvr, { answer: say(lang, start.hasCvr ? T.yes : T.no) })}`);
    for (const s of track.survival) lines.push(`- ${say(lang, s.running ? T.ran : T.stopped, { when: yearsOn(lang, s.years), day: formatDay(lang, s.reportedAt) })}`);
  }
  return `${lines.join('\n')}\n`;
}
