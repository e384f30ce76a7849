import { sql } from 'kysely';
import type { CitizenErased, DataSharingConsentGiven, DataSharingConsentWithdrawn, ReferralMade } from '../../domain/journey/journey.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import type { Projection } from '../engine/projection.js';
import { BatchRows, insertRows } from '../engine/rows.js';

type Handled = DataSharingConsentGiven | ReferralMade | DataSharingConsentWithdrawn | CitizenErased;
const HANDLES: readonly Handled['type'][] = ['DataSharingConsentGiven', 'ReferralMade', 'DataSharingConsentWithdrawn', 'CitizenErased'];

interface SharingRow extends Record<string, unknown> {
  sharing_id: string;
  citizen_id: string;
  centre_id: string | null;
  partner_id: string;
  purpose: string;
  catalogue_offer_id: string | null;
  fields: string[];
  until: string;
  consent: unknown;
  receipt: unknown;
  given_at: string;
  withdrawn_at: string | null;
}
const SHARING_COLUMNS = ['sharing_id', 'citizen_id', 'centre_id', 'partner_id', 'purpose', 'catalogue_offer_id', 'fields', 'until', 'consent', 'receipt', 'given_at', 'withdrawn_at'] as const;

const citizenOf = (recorded: RecordedEvent) => recorded.streamId.slice('journey-'.length);

/**
 * A consent's and a referral's ids are unique within one journey only (the decider checks them
 * against that journey; the client chooses them, through its Idempotency-Key): every row is keyed
 * by the citizen too, so one citizen's id never reaches, withdraws or hides another's consent.
 */
const SHARING_KEY = ['citizen_id', 'sharing_id'] as const;

/**
 * The pure step, batched: a batch reads the consents it withdraws in one statement, and writes
 * consents, referrals and erasures in one statement each.
 */
async function apply(trx: Parameters<Projection['apply']>[0], schema: string, events: readonly RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const sharings = new BatchRows<SharingRow>({ table: 'sharings', key: SHARING_KEY, columns: SHARING_COLUMNS, moments: ['given_at', 'withdrawn_at', 'until'] });
  const withdrawn = events.filter((e) => e.type === 'DataSharingConsentWithdrawn').map((e) => [citizenOf(e), (e.data as DataSharingConsentWithdrawn['data']).sharingId]);
  await sharings.load(trx, schema, withdrawn);
  const referrals: object[] = [];
  const erased: object[] = [];
  for (const recorded of events) {
    const event = { type: recorded.type, data: recorded.data } as Handled;
    const at = recorded.metadata.occurredAt;
    switch (event.type) {
      case 'DataSharingConsentGiven': {
        const d = event.data;
        sharings.set({
          sharing_id: d.sharingId,
          citizen_id: citizenOf(recorded),
          centre_id: recorded.metadata.centreId ?? null,
          partner_id: d.partnerId,
          purpose: d.purpose,
          catalogue_offer_id: d.catalogueOfferId ?? null,
          fields: d.fields,
          until: d.until,
          consent: d.consent,
          receipt: d.receipt ?? null,
          given_at: at,
          withdrawn_at: null,
        });
        break;
      }
      case 'DataSharingConsentWithdrawn': {
        const before = sharings.get(citizenOf(recorded), event.data.sharingId);
        if (before && before.withdrawn_at === null) sharings.set({ ...before, withdrawn_at: at });
        break;
      }
      case 'ReferralMade': {
        const d = event.data;
        referrals.push({
          referral_id: d.referralId,
          sharing_id: d.sharingId,
          citizen_id: citizenOf(recorded),
          partner_id: d.partnerId,
          catalogue_offer_id: d.catalogueOfferId ?? null,
          shared: d.shared,
          contact: d.contact ?? null,
          message: d.message ?? null,
          made_at: at,
          position: recorded.globalPosition,
        });
        break;
      }
      case 'CitizenErased':
        erased.push({ citizen_id: event.data.citizenId });
        break;
      default: {
        const unhandled: never = event;
        return unhandled;
      }
    }
  }
  await sharings.save(trx, schema);
  await insertReferrals(trx, schema, referrals);
  await insertRows(trx, schema, 'erased', 'citizen_id', erased);
}

/** Referrals are only ever added, in one statement, keyed by citizen and referral: a row already there stays. */
async function insertReferrals(trx: Parameters<Projection['apply']>[0], schema: string, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const table = sql.id(schema, 'referrals');
  await sql`insert into ${table}
            select * from jsonb_populate_recordset(null::${table}, ${JSON.stringify(rows)}::jsonb)
            on conflict (citizen_id, referral_id) do nothing`.execute(trx);
}

/**
 * Citizens' data-sharing consents and the referrals made under them, for the partner's view and
 * the citizen's own. Inline: a withdrawal holds from the moment it is recorded, so a partner never
 * reads a single field more after it.
 */
export const referralsProjection: Projection = {
  name: 'referrals',
  version: 1,
  mode: 'inline',
  tables: ['sharings', 'referrals', 'erased'],
  handles: HANDLES,
  apply,
};
