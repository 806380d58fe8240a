/** The shapes the services answer with (see the Java records named in each comment). */

export interface Session {
  signedIn: boolean;
  subject?: string;
  name?: string;
  roles?: string[];
  community?: string;
  csrfToken?: string;
  signInUrl: string;
  development: boolean;
}

export interface Violation {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  violations?: Violation[];
}

export type WelfareCheck = 'OK' | 'CONCERN' | 'NO_ANSWER';

/** canteen DeliveryRunResource.RunSummary */
export interface RunSummary {
  id: string;
  date: string;
  delivererKind: 'STAFF' | 'VOLUNTEER';
  delivererId: string;
}

/** canteen DeliveryRunResource.StopView (names added by the BFF when it knows them) */
export interface Stop {
  stopId: string;
  sequence: number;
  orderId: string;
  buildingId: string | null;
  unitId: string | null;
  dietaryNeeds: string[];
  welfareCheck: WelfareCheck | null;
  recordedAt: string | null;
  note: string | null;
  /** the elder's resident id (to join the door) */
  dinerId?: string;
  buildingName?: string | null;
  unitName?: string | null;
  door?: string | null;
  /** what to call the elder at the door (王阿姨) */
  callName?: string | null;
}

/** canteen DeliveryRunResource.RunView */
export interface Run extends RunSummary {
  stops: Stop[];
}

/** canteen published menu */
export interface Dish {
  id: string;
  name: string;
  category: string;
  allergens: string[];
  suitability: string[];
}

export interface MenuDay {
  date: string;
  lunch: Dish[];
  dinner: Dish[];
}

export interface PublishedMenu {
  weekStart: string;
  publishedAt: string;
  days: MenuDay[];
}

/** canteen DinerResource.DinerView */
export interface Diner {
  residentId: string;
  communityId: string;
  ageBand: string;
  housebound: boolean;
  lowIncome: boolean;
  dietaryNeeds: string[];
  buildingId: string | null;
  unitId: string | null;
  status: 'ACTIVE' | 'PAUSED' | 'MOVED_OUT';
  mayHaveDelivery: boolean;
}

/** canteen Price */
export interface Price {
  totalFen: number;
  elderPaysFen: number;
  subsidyFen: number;
  sponsorFen: number;
  sponsorId: string | null;
}

export type ServiceMode = 'DINE_IN' | 'DELIVERY';

/** canteen OrderResource.OrderView */
export interface Order {
  id: string;
  dinerId: string;
  date: string;
  meal: 'LUNCH' | 'DINNER';
  service: ServiceMode;
  status: 'PLACED' | 'SERVED' | 'DELIVERED' | 'MISSED' | 'CANCELLED';
  payment: 'ACCOUNT' | 'CASH';
  standingOrderId: string | null;
  dietaryNeeds: string[];
  price: Price | null;
  placedBy: string | null;
  placedFor: string | null;
  placedAt: string | null;
}

/** canteen StandingOrderResource.StandingOrderView */
export interface StandingOrder {
  id: string;
  dinerId: string;
  service: ServiceMode;
  weekdays: string[];
  startsOn: string | null;
  endsOn: string | null;
  pausedFrom: string | null;
  pausedUntil: string | null;
  status: 'ACTIVE' | 'CANCELLED';
}

/** canteen MealAccountResource.Statement */
export interface AccountStatement {
  dinerId: string;
  balanceFen: number;
  entries: Array<{
    id: number;
    kind: 'TOP_UP' | 'CHARGE' | 'REFUND';
    amountFen: number;
    balanceAfterFen: number;
    orderId: string | null;
    recordedAt: string;
  }>;
}

/** points ServiceResource.ServiceView (names added by the BFF when it knows them) */
export interface ServiceLog {
  id: string;
  communityId: string;
  volunteerId: string;
  type: string;
  beneficiaryId: string | null;
  performedAt: string;
  minutes: number;
  note: string | null;
  status: 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'REVERSED';
  rejectionReason: string | null;
  pointsAwarded: number | null;
  volunteerName?: string | null;
  beneficiaryName?: string | null;
}

/** points ServiceTypeResource.TypeView */
export interface ServiceType {
  id: string;
  code: string;
  name: string;
  points: number;
  needsBeneficiary: boolean;
  active: boolean;
}

/** points Wallets.Balances */
export interface Wallet {
  volunteerId: string;
  communityId: string;
  points: number;
  minutes: number;
  classCredits: number;
  frozen: boolean;
}

/** points StatementLine */
export interface StatementLine {
  entryId: number;
  postingId: string;
  seq: number;
  kind: string;
  reference: string | null;
  reason: string | null;
  at: string;
  amount: number;
  balanceAfter: number;
}

/** points RewardResource.RewardView */
export interface Reward {
  id: string;
  name: string;
  description: string | null;
  pointsPrice: number;
  stock: number;
  perVolunteerLimit: number | null;
  sponsorId: string | null;
}

/** points RewardResource.RedemptionView */
export interface Redemption {
  id: string;
  rewardId: string;
  volunteerId: string;
  points: number;
  status: 'RESERVED' | 'HANDED_OVER' | 'CANCELLED';
  reservedAt: string;
}

/** points ClassResource */
export interface Course {
  id: string;
  title: string;
  provider: string | null;
  description: string | null;
}

export interface ClassSession {
  id: string;
  courseId: string;
  startsAt: string;
  durationMinutes: number;
  seats: number;
  seatsTaken: number;
  seatsLeft: number;
}

/** resident FamilyLinkResource.FamilyLinkView */
export interface FamilyLink {
  id: string;
  communityId: string;
  parentId: string;
  parentName: string | null;
  memberId: string;
  relationship: string;
  purposes: string[];
  validUntil: string | null;
  status: 'ACTIVE' | 'EXPIRED' | 'REVOKED';
}

/** resident VolunteerResource.PairingView */
export interface Pairing {
  id: string;
  volunteerId: string;
  residentId: string;
  residentName?: string | null;
}

/** resident CareAlertResource.AlertView */
export interface CareAlert {
  id: string;
  residentId: string;
  cause: 'DELIVERY_MISSED' | 'WELFARE_CONCERN' | 'GAS_ALARM' | 'SMOKE_ALARM';
  status: 'RAISED' | 'ESCALATED' | 'ACKNOWLEDGED' | 'RESOLVED';
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgement: string | null;
}
