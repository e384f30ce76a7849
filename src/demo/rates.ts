/**
 * The demo's rates: every share, count and duration the generator draws from, in one place, with
 * where each default comes from. They are parameters of a made-up world, not findings: change
 * them to see another one (`generateDemo({ rates: { ... } })`). See src/demo/README.md.
 *
 * Sources. The KL analysis of 2020 (voluntary contact while the availability requirements were
 * suspended in the COVID-19 lockdown), as cited in Alternativet's proposal
 * (../shared/sources/002_0fbbc7a9649f2ec9.txt): 76 % of the unemployed concerned found voluntary
 * contact motivating *because they did not have to come to the job centre in person*, and 94 % of
 * them wanted the arrangement to continue. The sources hold no share per channel; the issue states
 * that the survey found most contact by phone. The channel shares below follow that (phone the
 * largest, in person the minority), and are otherwise our assumption.
 */
import type { Channel, FirstContact } from '../domain/journey/journey.js';

export interface DemoRates {
  /** Staff members per centre, each publishing free times in their calendar every week. */
  staffPerCentre: number;
  /** Free times each staff member publishes per week (of 45 minutes, on weekdays). */
  slotsPerStaffPerWeek: number;
  /** New citizens per centre per week (a first contact each). */
  newCitizensPerCentrePerWeek: number;
  /** How first contacts come in (shares; `self_service` is the citizen registering on Mine sider). */
  firstContact: Record<FirstContact, number>;
  /** The channel a citizen wants for a conversation (shares; in person at home is rare). */
  channel: Record<Channel, number>;
  /** Conversations a citizen wants over their journey: 1 + a geometric number with this mean beyond the first. */
  extraConversationsMean: number;
  /** Days between one conversation and the citizen wanting the next (uniform between). */
  daysBetweenConversations: [number, number];
  /** Of conversations: booked by the citizen from published times (the rest asked for, and a time proposed by staff). */
  selfBooked: number;
  /** Of booked conversations: cancelled beforehand (by the citizen, or now and then by staff), and not held. */
  cancelled: number;
  cancelledByStaff: number;
  notHeld: number;
  /** Of held conversations: one where staff make an offer. */
  offerInConversation: number;
  /** Answers to an offer made in a conversation: yes then, no then, or later on Mine sider (the rest lapse unanswered). */
  consentInConversation: number;
  declineInConversation: number;
  answerLater: number;
  /** Of later answers: yes (the rest no). */
  laterYes: number;
  /** Of consents: withdrawn by the citizen during participation. */
  withdrawn: number;
  /** Days of participation before it ends (uniform between). */
  participationDays: [number, number];
  /** Of citizens: who say they reached an outcome, and the days from first contact to it (uniform between). */
  outcome: number;
  daysToOutcome: [number, number];
  /** Of citizens with an outcome: who then close their journey. */
  closeAfterOutcome: number;
  /** Of citizens: who write a goal themselves at the start; who revise it later; who drop it. */
  goalAtStart: number;
  goalRevised: number;
  goalDropped: number;
  /** Of citizens: who answer the WHO-5 well-being questions themselves (never asked for). */
  wellBeing: number;
  /** Of citizens: who ask for a particular offer themselves. */
  askForOffer: number;
  /** Of general resolutions: rejected. */
  resolutionRejected: number;
  /** Board meetings: every this many months. */
  monthsBetweenMeetings: number;
  /** A centre's yearly budget lines in DKK (expenditure: salaries, other operating costs, grants; revenue: renting out its rooms). */
  budgetDkk: { salaries: number; operating: number; grants: number; rentalIncome: number };
  /** Of a month's entries on operating costs: corrected in part the next month (a credit note). */
  correctedEntry: number;
  /** Of each line's enacted amount, spent by the end of the year (spread over the months). */
  spentShare: number;
  /** Of citizens with a goal of health or of their own business: who ask to be referred to the partner whose offer fits, sharing what they choose. */
  referral: number;
  /** Of referrals: withdrawn by the citizen later. */
  referralWithdrawn: number;
  /** Of citizens with a goal of their own business: who join the entrepreneurs' track. */
  ventureTrack: number;
  /** Of citizens: who take a place at the centre's next activity (a few go on its waiting list). */
  activity: number;
  /** Of citizens: who join one of the centre's groups. */
  group: number;
}

export const DEFAULT_RATES: DemoRates = {
  // Sized so that 98 centres × 12 months is a national year of about 10 million events.
  staffPerCentre: 28,
  slotsPerStaffPerWeek: 12,
  newCitizensPerCentrePerWeek: 140,
  // Phone first (the KL 2020 finding as the issue reports it), then people registering themselves.
  firstContact: { phone: 0.42, self_service: 0.22, in_person_centre: 0.14, chat: 0.1, video: 0.1, in_person_home: 0.02 },
  channel: { phone: 0.45, video: 0.2, in_person_centre: 0.2, chat: 0.12, in_person_home: 0.03 },
  extraConversationsMean: 1.8,
  daysBetweenConversations: [10, 35],
  selfBooked: 0.7,
  cancelled: 0.1,
  cancelledByStaff: 0.15,
  notHeld: 0.07,
  offerInConversation: 0.55,
  consentInConversation: 0.45,
  declineInConversation: 0.15,
  answerLater: 0.3,
  laterYes: 0.6,
  withdrawn: 0.12,
  participationDays: [14, 90],
  outcome: 0.45,
  daysToOutcome: [30, 180],
  closeAfterOutcome: 0.7,
  goalAtStart: 0.6,
  goalRevised: 0.15,
  goalDropped: 0.05,
  wellBeing: 0.2,
  askForOffer: 0.15,
  resolutionRejected: 0.1,
  monthsBetweenMeetings: 3,
  budgetDkk: { salaries: 4_800_000, operating: 900_000, grants: 300_000, rentalIncome: 60_000 },
  correctedEntry: 0.2,
  spentShare: 0.92,
  // Issue 13's parts, made up: a few of those a partner's offer fits ask for a referral; most
  // would-be entrepreneurs try the track; a small share go to an activity or a group.
  referral: 0.3,
  referralWithdrawn: 0.1,
  ventureTrack: 0.6,
  activity: 0.08,
  group: 0.05,
};

/** The defaults with some rates changed. */
export function ratesWith(changes: Partial<DemoRates> = {}): DemoRates {
  return { ...DEFAULT_RATES, ...changes };
}
