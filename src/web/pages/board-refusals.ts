/**
 * What each refusal the board's and the budgets' pages can meet says to a board member, by the
 * decider's stable code, in both languages. The shared ones (a reused idempotency key, a
 * concurrent change) come from src/web/command.ts.
 */
import type { Message } from '../i18n.js';

export const BOARD_REFUSALS: Record<string, Message> = {
  forbidden: {
    da: 'Det kan kun et medlem, der sidder i centrets bestyrelse (og er til stede på mødet, når det gælder mødet), gøre. Intet er registreret.',
    en: 'Only a member who holds a seat on the centre’s board (and is present at the meeting, where it concerns the meeting) can do this. Nothing was recorded.',
  },
  invalid_value: { da: 'Tjek det, du har skrevet i feltet. Intet er registreret.', en: 'Check what you typed in the field. Nothing was recorded.' },
  board_not_found: { da: 'Centret har ingen bestyrelse endnu.', en: 'The centre has no board yet.' },
  centre_not_found: { da: 'Centret findes ikke.', en: 'The centre does not exist.' },
  seat_not_found: { da: 'Pladsen findes ikke.', en: 'The seat does not exist.' },
  seat_vacant: { da: 'Pladsen er allerede ledig.', en: 'The seat is already vacant.' },
  meeting_not_found: { da: 'Mødet findes ikke.', en: 'The meeting does not exist.' },
  meeting_exists: { da: 'Mødet er allerede indkaldt.', en: 'The meeting is already convened.' },
  resolution_exists: { da: 'Forslaget er allerede sat til afstemning.', en: 'The proposal is already open for voting.' },
  resolution_not_found: { da: 'Beslutningen findes ikke i centrets bestyrelse.', en: 'The resolution does not exist on the centre’s board.' },
  resolution_decided: { da: 'Afstemningen om beslutningen er allerede gjort op.', en: 'The vote on the resolution has already been counted.' },
  already_voted: { da: 'Du har allerede stemt om beslutningen. Hvert medlem stemmer én gang.', en: 'You have already voted on the resolution. Each member votes once.' },
  votes_outstanding: { da: 'Ikke alle til stede har stemt endnu. At undlade at stemme er også en stemme.', en: 'Not everyone present has voted yet. Abstaining is a vote too.' },
  resolution_not_decided: { da: 'Gør afstemningen op om hver beslutning på mødet først.', en: 'Count the votes on every resolution at the meeting first.' },
  voted_with_outcome: { da: 'Du stemte med udfaldet, så du har ingen afvigende mening at få tilført.', en: 'You voted with the outcome, so you have no dissent to record.' },
  minutes_signed: { da: 'Referatet er underskrevet, så mødet kan ikke længere ændres.', en: 'The minutes are signed, so the meeting can no longer change.' },
  member_left_meeting: { da: 'Medlemmet har forladt mødet og kan ikke længere foreslå eller stemme.', en: 'The member has left the meeting and can no longer propose or vote.' },
  attendance_not_recorded: { da: 'Registrér først, hvem der er til stede.', en: 'Record who is present first.' },
  voting_not_started: { da: 'Ingen har stemt endnu: ret fremmødet i stedet for at registrere, at medlemmet gik.', en: 'Nobody has voted yet: correct the attendance instead of recording that the member left.' },
  recused: { da: 'Medlemmet er inhabilt i punktet og tager ikke del i dets beslutninger. Intet er registreret.', en: 'The member is disqualified on the item and takes no part in its resolutions. Nothing was recorded.' },
  voting_started: { da: 'Fremmødet ligger fast, når den første stemme er afgivet.', en: 'Attendance is fixed once the first vote is cast.' },
  board_not_validly_composed: {
    da: 'Bestyrelsen kan ikke træffe beslutninger, før både medarbejderpladsen og borgerpladsen er besat.',
    en: 'The board cannot pass resolutions until both the employee seat and the citizen seat are filled.',
  },
  no_quorum: { da: 'Mødet er ikke beslutningsdygtigt: færre end halvdelen af pladserne er til stede.', en: 'The meeting has no quorum: fewer than half of the seats are present.' },
  budget_not_found: { da: 'Budgettet findes ikke i centret.', en: 'The budget does not exist at the centre.' },
  budget_exists: { da: 'Centret har allerede et budget af den slags for det år.', en: 'The centre already has a budget of that kind for that year.' },
  budget_not_draft: { da: 'Budgettet er ikke længere et udkast, så dets linjer ændres ikke.', en: 'The budget is no longer a draft, so its lines do not change.' },
  version_not_current: { da: 'Budgettet er ændret siden: foreslå godkendelsen af den nuværende version.', en: 'The budget has changed since: propose approving the current version.' },
  budget_not_enacted: {
    da: 'Penge flyttes, bevilges og overføres, og forbrug registreres, kun i et budget, der er bevilget på Finansloven, og hvis regnskab ikke er afsluttet.',
    en: 'Money is moved, appropriated and carried over, and spending recorded, only in a budget enacted on the Finance Act whose accounts are not closed.',
  },
  line_exists: { da: 'Linjen findes allerede.', en: 'The line already exists.' },
  line_not_found: { da: 'Linjen findes ikke i budgettet.', en: 'The line does not exist in the budget.' },
  line_withdrawn: { da: 'Linjen er trukket tilbage.', en: 'The line is withdrawn.' },
  resolution_not_about_this: { da: 'Beslutningen handler ikke om dette budget.', en: 'The resolution is not about this budget.' },
  resolution_names_other_version: {
    da: 'Beslutningen godkender en anden version af budgettet end den nuværende. Foreslå godkendelsen af den nuværende version.',
    en: 'The resolution approves another version of the budget than the current one. Propose approving the current version.',
  },
  resolution_not_adopted: { da: 'Beslutningen er ikke vedtaget.', en: 'The resolution was not adopted.' },
  resolution_used: { da: 'Der er allerede handlet på beslutningen.', en: 'The resolution has already been acted on.' },
  budget_empty: { da: 'Et budget skal have mindst én linje, før det godkendes.', en: 'A budget needs at least one line before it is approved.' },
  budget_not_approved: { da: 'Kun et godkendt budget sendes til Finansloven.', en: 'Only an approved budget is submitted for the Finance Act.' },
  budget_enacted: { da: 'Budgettet er allerede bevilget.', en: 'The budget is already enacted.' },
  budget_not_submitted: { da: 'Kun et budget, der er sendt til Finansloven, kan bevilges.', en: 'Only a budget submitted for the Finance Act can be enacted.' },
  development_budget: {
    da: 'Det hører til årsbudgettet, ikke udviklingsbudgettet: bilag, fordelingen på måneder, overførsler og regnskabet. Intet er registreret.',
    en: 'That belongs to the annual budget, not the development budget: entries, the monthly split, carry-overs and the accounts. Nothing was recorded.',
  },
  not_enough_on_line: {
    da: 'Der er færre penge tilbage på linjen (bevillingen minus forbruget) end det beløb, der skal flyttes. Intet er registreret.',
    en: 'The line has less left (its appropriation less what it spent) than the amount to move. Nothing was recorded.',
  },
  nature_differs: {
    da: 'Penge flyttes mellem to udgiftslinjer eller to indtægtslinjer, ikke mellem en udgift og en indtægt. Intet er registreret.',
    en: 'Money moves between two expenditure lines or two revenue lines, not between expenditure and revenue. Nothing was recorded.',
  },
  amount_too_large: { da: 'Linjen ville komme op over 100 mia. kr. Intet er registreret.', en: 'The line would come to more than DKK 100 billion. Nothing was recorded.' },
  year_not_in_budget: { da: 'Beslutningen nævner et år, budgettet ikke dækker.', en: 'The resolution names a year the budget does not cover.' },
  amount_not_positive: { da: 'Beslutningen nævner intet beløb over 0 kr. Intet er registreret.', en: 'The resolution names no amount above DKK 0. Nothing was recorded.' },
  year_not_over: {
    da: 'Regnskabet afsluttes, når finansåret er slut: fra 1. januar året efter. Intet er registreret.',
    en: 'The accounts are closed once the fiscal year is over: from 1 January the year after. Nothing was recorded.',
  },
  accounts_closed: {
    da: 'Regnskabet for året er afsluttet: der bogføres, flyttes og bevilges ikke mere på budgettet. Intet er registreret.',
    en: 'The year’s accounts are closed: nothing more is booked, moved or appropriated on the budget. Nothing was recorded.',
  },
  accounts_not_closed: {
    da: 'Sidste års regnskab er ikke afsluttet endnu: uforbrugte midler overføres, når det er. Intet er registreret.',
    en: 'Last year’s accounts are not closed yet: unspent money is carried over once they are. Nothing was recorded.',
  },
  more_than_unspent: {
    da: 'Beslutningen overfører mere, end linjen i sidste års regnskab efterlod uforbrugt (og ikke allerede er overført). Intet er registreret.',
    en: 'The resolution carries over more than the line of last year’s accounts left unspent (and not carried over already). Nothing was recorded.',
  },
  not_last_years_budget: {
    da: 'Midler overføres kun fra centrets årsbudget for året før. Intet er registreret.',
    en: 'Money is carried over only from the centre’s annual budget of the year before. Nothing was recorded.',
  },
  revenue_line: {
    da: 'Der overføres kun uforbrugte midler fra en udgiftslinje, ikke fra en indtægtslinje. Intet er registreret.',
    en: 'Only unspent money of an expenditure line is carried over, not of a revenue line. Nothing was recorded.',
  },
  split_does_not_add_up: {
    da: 'De tolv måneder giver ikke tilsammen linjens bevilling. Intet er registreret.',
    en: 'The twelve months do not add up to the line’s appropriation. Nothing was recorded.',
  },
};
