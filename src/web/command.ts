/**
 * A command from a form, on the same command path as the API: the form's hidden idempotency key
 * is the command id (fresh when the form was rendered, so a double submit records once), and the
 * request's fingerprint is the route and the fields that make the command — never the CSRF token,
 * which is not part of what was asked. Refusals come back in the reader's language.
 */
import { createHash } from 'node:crypto';
import type { CommandContext } from '../commands/handler.js';
import { DomainError } from '../domain/shared/errors.js';
import { UUID_PATTERN } from '../ids.js';
import type { FieldError } from './components.js';
import { type Lang, type Message, say } from './i18n.js';

/** The command's context, or null when the form came without a usable key (a page error, nothing recorded). */
export function formCommandContext(route: string, key: unknown, fields: Readonly<Record<string, string>>): CommandContext | null {
  if (typeof key !== 'string' || !UUID_PATTERN.test(key)) return null;
  const commandId = key.toLowerCase();
  const sorted = Object.fromEntries(Object.keys(fields).sort().map((k) => [k, fields[k]]));
  const fingerprint = createHash('sha256').update(JSON.stringify(['WEB', route, sorted])).digest('base64url');
  return { commandId, correlationId: commandId, fingerprint };
}

/** What each refusal a page can meet says to the person, by its stable code. */
const REFUSALS: Record<string, Message> = {
  journey_open: { da: 'Du har allerede et forløb, der er i gang.', en: 'You already have a journey under way.' },
  journey_not_found: { da: 'Du har ikke et forløb endnu. Start et forløb først, hvis du vil.', en: 'You have no journey yet. Start one first, if you want to.' },
  journey_closed: { da: 'Dit forløb er afsluttet. Du kan starte et nyt, når du vil.', en: 'Your journey is closed. You can start a new one whenever you like.' },
  centre_not_found: { da: 'Centret findes ikke. Vælg et andet center.', en: 'The centre does not exist. Choose another centre.' },
  citizen_erased: { da: 'Dine oplysninger er slettet, så intet nyt kan registreres.', en: 'Your data has been erased, so nothing new can be recorded.' },
  personal_data_erased: { da: 'Dine oplysninger er slettet, så intet nyt kan registreres.', en: 'Your data has been erased, so nothing new can be recorded.' },
  forbidden: { da: 'Det kan du ikke gøre med den rolle, du er logget ind med.', en: 'You cannot do this with the role you are signed in with.' },
  idempotency_key_reused: { da: 'Formularen blev sendt igen med andre svar. Genindlæs siden og prøv igen.', en: 'The form was sent again with other answers. Reload the page and try again.' },
  concurrency_conflict: { da: 'Noget ændrede sig imens. Prøv igen.', en: 'Something changed meanwhile. Try again.' },
};
const FALLBACK: Message = { da: 'Det kunne ikke lade sig gøre. Intet er registreret.', en: 'That could not be done. Nothing was recorded.' };

/**
 * A refusal as the error summary shows it, linked to the field it concerns. An area's own
 * refusals (`messages`, by code) come first; then the shared ones; else a plain "nothing was recorded".
 */
export function refusalOf(lang: Lang, error: DomainError, field: string, messages: Readonly<Record<string, Message>> = {}): FieldError {
  const message = messages[error.code] ?? REFUSALS[error.code] ?? FALLBACK;
  return { field, message: say(lang, message) };
}

export const isRefusal = (error: unknown): error is DomainError => error instanceof DomainError;
