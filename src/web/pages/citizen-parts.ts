/**
 * What the citizen's pages share: the refusals they can meet, in the citizen's words (by the
 * stable codes of src/domain/journey/decide.ts and src/domain/calendar/decide.ts), and a
 * channel's name.
 */
import type { Channel } from '../../domain/journey/journey.js';
import { capitalised, type FieldError } from '../components.js';
import { html, type Html } from '../html.js';
import { CHANNEL_LABELS, type Lang, type Message, say } from '../i18n.js';
import { page, type PageContext } from '../layout.js';

const TIME_GONE = {
  slot_not_found: { da: 'Tiden findes ikke længere. Vælg en anden tid.', en: 'That time is no longer there. Choose another time.' },
  slot_taken: { da: 'En anden har lige booket den tid. Vælg en anden tid.', en: 'Someone else has just booked that time. Choose another time.' },
} satisfies Record<string, Message>;

/** The refusals a citizen can meet on their own pages; the shared ones (src/web/command.ts) come after these. */
export const CITIZEN_REFUSALS: Readonly<Record<string, Message>> = {
  ...TIME_GONE,
  slot_past: { da: 'Tiden er gået. Vælg en anden tid.', en: 'That time has passed. Choose another time.' },
  slot_at_other_centre: { da: 'Tiden hører til et andet center end dit. Vælg en anden tid.', en: 'That time belongs to another centre than yours. Choose another time.' },
  session_exists: { da: 'Samtalen er allerede booket.', en: 'The conversation is already booked.' },
  session_not_found: { da: 'Samtalen findes ikke.', en: 'The conversation does not exist.' },
  session_settled: { da: 'Samtalen er allerede overstået eller aflyst.', en: 'The conversation is already over or cancelled.' },
  goal_not_found: { da: 'Målet findes ikke længere.', en: 'The goal is no longer there.' },
  goal_exists: { da: 'Målet er allerede gemt.', en: 'The goal is already saved.' },
  offer_not_found: { da: 'Tilbuddet findes ikke.', en: 'The offer does not exist.' },
  offer_lapsed: { da: 'Tilbuddet er ikke længere åbent. Du kan spørge efter det igen, hvis du vil.', en: 'The offer is no longer open. You can ask for it again if you like.' },
  consent_already_given: { da: 'Du har allerede sagt ja tak til tilbuddet.', en: 'You have already said yes please to the offer.' },
  already_declined: { da: 'Du har allerede sagt nej tak til tilbuddet.', en: 'You have already said no thank you to the offer.' },
  consent_given: {
    da: 'Du har sagt ja tak til tilbuddet. Vil du ikke være med alligevel, kan du trække dit samtykke tilbage under Dine samtykker.',
    en: 'You have said yes please to the offer. If you would rather not take part after all, you can withdraw your consent under Your consents.',
  },
  no_consent: { da: 'Der er ikke noget samtykke at trække tilbage.', en: 'There is no consent to withdraw.' },
};

/** A booking's own reading of a bad value: the time cannot be booked (outside the hours, or not in the future). */
export const BOOKING_REFUSALS: Readonly<Record<string, Message>> = {
  ...CITIZEN_REFUSALS,
  invalid_value: { da: 'Tiden kan ikke bookes til den måde at tale på. Vælg en anden tid.', en: 'That time cannot be booked for that way of talking. Choose another time.' },
};

/** Withdrawing a consent: a closed journey's too (the decider allows it), so the citizen's own refusals. */
export const WITHDRAW_REFUSALS: Readonly<Record<string, Message>> = CITIZEN_REFUSALS;

/** One of the refusals above, found by the page itself (a time taken since the page was shown). */
export const citizenRefusal = (lang: Lang, code: 'slot_taken' | 'slot_not_found', field: string): FieldError => ({ field, message: say(lang, TIME_GONE[code]) });

/** The citizen's pages take these from here: a notice that something was done, a capitalised label (components.ts's). */
export { capitalised, notice } from '../components.js';

/** A channel's words, capitalised. */
export const channelName = (lang: Lang, channel: Channel) => capitalised(say(lang, CHANNEL_LABELS[channel]));

const REFUSED: Message = { da: 'Det kunne ikke lade sig gøre', en: 'That could not be done' };
const BACK_TO_MINE: Message = { da: 'Tilbage til Mine sider', en: 'Back to My pages' };

/** A refusal where the page it came from can no longer be shown (what it was about is gone): the error summary and the way back. */
export function refusedPage(context: PageContext, errors: readonly FieldError[]): Html {
  const { lang } = context;
  return page(context, { title: say(lang, REFUSED), back: '/mine-sider', errors, body: html`<p><a href="/mine-sider">${say(lang, BACK_TO_MINE)}</a></p>` });
}
