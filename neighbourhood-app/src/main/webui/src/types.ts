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

// ---------- community console (resident-service, for community workers and grid heads) ----------

export type AlertCause = CareAlert['cause'];
export type AlertStatus = CareAlert['status'];

/** resident CareAlertResource.NotificationView */
export interface AlertNotification {
  recipientKind: string;
  recipientRef: string | null;
  channel: string;
  sentAt: string;
  delivered: boolean;
}

/** resident CareAlertResource.AlertView, as the console reads it (notifications only from GET /care-alerts/{id}) */
export interface ConsoleAlert {
  id: string;
  residentId: string | null;
  householdId: string | null;
  gridId: string | null;
  cause: AlertCause;
  status: AlertStatus;
  raisedAt: string;
  escalatedAt: string | null;
  /** when it will reach the duty desk if nobody takes it on (not sent by resident-service yet; shown when present) */
  escalatesAt?: string | null;
  acknowledgedBy: string | null;
  acknowledgedFor: string | null;
  acknowledgedAt: string | null;
  acknowledgement: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolution: string | null;
  notifications: AlertNotification[] | null;
}

/** resident CareAlertResource.QuietElder */
export interface QuietElder {
  residentId: string;
  name: string;
  gridId: string | null;
  buildingId: string | null;
  unitId: string | null;
  housebound: boolean;
  livesAlone: boolean;
  lastContactAt: string | null;
  lastContactKind: string | null;
  daysWithoutContact: number | null;
}

export type NeedCategory =
  | 'REPAIR'
  | 'DRAINAGE'
  | 'SANITATION'
  | 'ACCESSIBILITY'
  | 'SAFETY'
  | 'ELDER_CARE'
  | 'NEIGHBOUR_DISPUTE'
  | 'GREENERY'
  | 'PARKING'
  | 'OTHER';
export type NeedStatus = 'OPEN' | 'ROUTED' | 'IN_PROGRESS' | 'DONE' | 'CLOSED';
export type Responsible = 'COMMUNITY' | 'PROPERTY_MANAGEMENT' | 'CITY_DEPARTMENT';

/** resident NeedResource.StepView */
export interface NeedStep {
  at: string;
  actor: string;
  status: NeedStatus;
  note: string | null;
}

/** resident NeedResource.NeedView */
export interface NeedView {
  id: string;
  gridId: string | null;
  category: NeedCategory;
  place: string;
  raisedBy: string | null;
  description: string;
  responsible: Responsible | null;
  status: NeedStatus;
  recordedAt: string;
  doneAt: string | null;
  residentToldAt: string | null;
  ageDays: number;
  steps: NeedStep[] | null;
}

/** resident NeedResource.NewNeed */
export interface NewNeed {
  gridId: string | null;
  category: NeedCategory;
  place: string;
  raisedBy: string | null;
  description: string;
}

export type Gender = 'FEMALE' | 'MALE';
export type AgeBand = 'UNDER_60' | 'AGED_60_74' | 'AGED_75_84' | 'AGED_85_94' | 'AGED_95_PLUS';
export type Relationship = 'HEAD' | 'SPOUSE' | 'CHILD' | 'CHILD_IN_LAW' | 'PARENT' | 'GRANDCHILD' | 'SIBLING' | 'TENANT' | 'OTHER';
export type DietaryNeed = 'LOW_SALT' | 'LOW_SUGAR' | 'SOFT_TEXTURE' | 'VEGETARIAN' | 'HALAL' | 'NO_SPICY';
export type ResidentFlag = 'livesAlone' | 'housebound' | 'chronicIllness' | 'lowIncome' | 'partyMember';

/** resident ResidentView (phone and nationalId masked unless revealed; null fields are left out) */
export interface ResidentRecord {
  id: string;
  communityId: string;
  name: string;
  gender: Gender;
  birthDate: string;
  age: number;
  ageBand: AgeBand;
  householdId?: string | null;
  relationshipToHead?: Relationship | null;
  gridId?: string | null;
  buildingId?: string | null;
  unitId?: string | null;
  phone?: string | null;
  nationalId?: string | null;
  livesAlone: boolean;
  housebound: boolean;
  chronicIllness?: boolean | null;
  lowIncome: boolean;
  partyMember: boolean;
  dietaryNeeds: DietaryNeed[];
  status: 'ACTIVE' | 'MOVED_OUT' | string;
  movedOutOn?: string | null;
}

/** resident NewResident */
export interface NewResident {
  name: string;
  gender: Gender | null;
  birthDate: string;
  householdId: string | null;
  relationshipToHead: Relationship | null;
  movedInOn: string | null;
  nationalId: string | null;
  phone: string | null;
  livesAlone: boolean;
  housebound: boolean;
  chronicIllness: boolean;
  lowIncome: boolean;
  partyMember: boolean;
  dietaryNeeds: DietaryNeed[];
}

/** resident PageView */
export interface PageView<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
}

export type OrgUnitKind = 'DISTRICT' | 'SUBDISTRICT' | 'COMMUNITY' | 'GRID' | 'BUILDING' | 'UNIT';

/** resident OrgUnitResource.OrgUnitView */
export interface OrgUnit {
  id: string;
  kind: OrgUnitKind;
  parentId: string | null;
  code: string | null;
  name: string;
  districtCode: string | null;
  communityCode: string | null;
}

/** resident HouseholdResource.HouseholdView */
export interface Household {
  id: string;
  communityId: string;
  gridId: string | null;
  buildingId: string | null;
  unitId: string | null;
  doorNumber: string;
  members: ResidentRecord[] | null;
}

export type ConsentPurpose = 'REGISTRY' | 'CANTEEN' | 'VOLUNTEERING' | 'CARE_ALERTS' | 'SMART_DEVICES' | 'FAMILY_ACCESS';

/** resident CareCircleResource.ConsentView */
export interface Consent {
  id: string;
  purpose: ConsentPurpose;
  recordedBy: string;
  grantedAt: string;
  validUntil: string | null;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
}

/** resident CareCircleResource.ContactView */
export interface EmergencyContact {
  id: string;
  name: string;
  relationship: string;
  phone: string;
  priority: number;
}

export type FamilyPurpose = 'MEALS' | 'CARE_ALERTS' | 'SERVICES';

/** resident FamilyLinkResource.FamilyLinkView, as the console reads it */
export interface FamilyLinkRecord extends FamilyLink {
  grantedBy: string | null;
  grantedAt: string | null;
  revokedBy: string | null;
  revokedAt: string | null;
}
