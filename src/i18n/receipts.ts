/**
 * A consent receipt as the citizen reads it, in their language, built from its structured fields
 * (its id, its time, the centre that is the controller, the offer it is for, how it was given) and
 * never from the English sentences stored in it. How to withdraw is said as it is true: on Mine
 * sider at any time, or by telling staff at the centre; it takes effect at once and nothing
 * follows from it.
 */
import type { ConsentMethod, ConsentReceipt } from '../domain/journey/journey.js';
import { formatMoment, type Lang, type Message, say } from './i18n.js';
import { OFFER_KIND_LABELS } from './records.js';

export const COLLECTION_METHOD_LABELS: Record<ConsentMethod['method'], Message> = {
  self_service: { da: 'Du sagde selv ja tak på Mine sider.', en: 'You said yes please yourself on My pages.' },
  signed_in_person: { da: 'Du skrev under i en samtale med en medarbejder.', en: 'You signed in a conversation with a member of staff.' },
  verbal_in_session: { da: 'Du sagde ja tak i en samtale, og medarbejderen skrev dit svar ned.', en: 'You said yes please in a conversation, and the member of staff wrote down your answer.' },
  written_in_chat: { da: 'Du skrev ja tak i en chat med en medarbejder.', en: 'You wrote yes please in a chat with a member of staff.' },
};

/** The data categories the house writes in a receipt, in both languages; anything else is shown as it was written. */
const DATA_CATEGORY_LABELS: Readonly<Record<string, Message>> = {
  'participation in the offer': { da: 'at du deltager i tilbuddet', en: 'that you take part in the offer' },
  'what you choose to share in conversations about it': { da: 'det, du selv vælger at fortælle i samtaler om det', en: 'what you choose to share in conversations about it' },
};

const T = {
  receiptId: { da: 'Kvitteringsnummer', en: 'Receipt number' },
  timestamp: { da: 'Givet', en: 'Given' },
  controller: { da: 'Dataansvarlig', en: 'Controller' },
  purpose: { da: 'Formål', en: 'Purpose' },
  dataCategories: { da: 'Oplysninger', en: 'Information' },
  collectionMethod: { da: 'Sådan gav du samtykket', en: 'How you gave your consent' },
  howToWithdraw: { da: 'Sådan trækker du det tilbage', en: 'How to withdraw it' },
  purposeText: { da: 'At du kan deltage i tilbuddet {offer}. Du kan stoppe, når du vil.', en: 'That you can take part in the offer {offer}. You can stop whenever you like.' },
  partnerOffer: { da: 'fra en samarbejdspartner', en: 'from a partner' },
  withdrawText: {
    da: 'Når som helst: på Mine sider under »Dine samtykker«, eller ved at sige det til en medarbejder på {centre}. Det gælder med det samme, og intet følger af det.',
    en: 'At any time: on My pages under “Your consents”, or by telling a member of staff at {centre}. It takes effect at once, and nothing follows from it.',
  },
  theCentre: { da: 'centret', en: 'the centre' },
  none: { da: '–', en: '–' },
} satisfies Record<string, Message>;

/** The fields of a receipt a reader sees, in order. */
export const RECEIPT_FIELDS = ['receiptId', 'timestamp', 'controller', 'purpose', 'dataCategories', 'collectionMethod', 'howToWithdraw'] as const;
export type ReceiptField = (typeof RECEIPT_FIELDS)[number];

export interface ReceiptLine {
  field: ReceiptField;
  label: string;
  value: string;
}

/** What a receipt is read with besides itself: the controller centre's name and the offer's kind, from the read models. */
export interface ReceiptContext {
  /** The name of the centre that is the controller (null: not known any more). */
  centreName: string | null;
  /** The offer's kind as the offers read model keeps it: a centre kind, or `partner:<id>`. */
  offerKind: string | null;
}

/** The offer as a receipt names it: its kind's words, or that it is a partner's. */
export function offerLabel(lang: Lang, kind: string | null): string {
  if (kind && Object.hasOwn(OFFER_KIND_LABELS, kind)) return say(lang, OFFER_KIND_LABELS[kind as keyof typeof OFFER_KIND_LABELS]);
  return say(lang, T.partnerOffer);
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const known = <K extends string>(labels: Record<K, Message>, code: string): code is K => Object.hasOwn(labels, code);

/** A receipt, line by line, in the reader's language. */
export function receiptLines(lang: Lang, receipt: ConsentReceipt, context: ReceiptContext): ReceiptLine[] {
  const centre = context.centreName ?? receipt.controller.name;
  const categories = receipt.dataCategories.map((c) => (Object.hasOwn(DATA_CATEGORY_LABELS, c) ? say(lang, DATA_CATEGORY_LABELS[c]!) : c));
  const values: Record<ReceiptField, string> = {
    receiptId: receipt.receiptId,
    timestamp: Number.isNaN(Date.parse(receipt.timestamp)) ? say(lang, T.none) : formatMoment(lang, receipt.timestamp),
    controller: centre,
    purpose: say(lang, T.purposeText, { offer: offerLabel(lang, context.offerKind) }),
    dataCategories: categories.length > 0 ? capitalised(categories.join('; ')) : say(lang, T.none),
    collectionMethod: known(COLLECTION_METHOD_LABELS, receipt.collectionMethod) ? say(lang, COLLECTION_METHOD_LABELS[receipt.collectionMethod]) : say(lang, T.none),
    howToWithdraw: say(lang, T.withdrawText, { centre: context.centreName ?? say(lang, T.theCentre) }),
  };
  return RECEIPT_FIELDS.map((field) => ({ field, label: say(lang, T[field]), value: values[field] }));
}

/** A receipt as the download carries it: each field's label and value in the reader's language. */
export function receiptShown(lang: Lang, receipt: ConsentReceipt, context: ReceiptContext): Record<ReceiptField, { label: string; value: string }> {
  return Object.fromEntries(receiptLines(lang, receipt, context).map((l) => [l.field, { label: l.label, value: l.value }])) as Record<ReceiptField, { label: string; value: string }>;
}
