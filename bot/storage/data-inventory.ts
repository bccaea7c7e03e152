/**
 * The data inventory (DP-1): every record kind, where it is stored, what it holds and how long it is kept.
 * Retention is enforced by TTL: Cosmos DB `defaultTtl` per container plus a per-item `ttl` where a kind is shorter;
 * SQLite by an expiry column purged on a schedule. The README's data table is this file in prose.
 */
export type ContainerId = 'bot-state' | 'conversations' | 'records' | 'audit';

export interface ContainerSpec {
  readonly id: ContainerId;
  /** Cosmos DB container `defaultTtl`, in seconds. */
  readonly defaultTtlSeconds: number;
}

const DAY = 24 * 60 * 60;

export const CONTAINERS: Readonly<Record<ContainerId, ContainerSpec>> = {
  'bot-state': { id: 'bot-state', defaultTtlSeconds: 30 * DAY },
  conversations: { id: 'conversations', defaultTtlSeconds: 400 * DAY },
  records: { id: 'records', defaultTtlSeconds: 400 * DAY },
  audit: { id: 'audit', defaultTtlSeconds: 2 * 365 * DAY },
};

/** Every partition key is stored at this path (Cosmos DB) so one repository layer serves all kinds. */
export const PARTITION_KEY_PATH = '/pk';

export interface KindSpec {
  readonly container: ContainerId;
  readonly ttlSeconds: number;
  /** What the partition key is, chosen for the queries run against this kind. */
  readonly partitionedBy: string;
  readonly holds: string;
  readonly category: 'personal' | 'special-category' | 'operational';
  readonly lawfulBasis: string;
  /** What a subject access request exports of this kind and what erasure does to it (UK GDPR Art 15 and 17). */
  readonly rights: DataRights;
}

/**
 * - `access`: `by-person`, the records keyed to or naming the person are exported; `none`, nothing in it can be found
 *   by a person (`why` says so: no key of theirs is stored, or it holds nothing about anyone);
 * - `erasure`: `delete` the person's records; `anonymise` them (their key and name removed, the rest kept for counts);
 *   `keep` them under a legal basis the admin is told (`why`); `none`, nothing to erase.
 */
export interface DataRights {
  readonly access: 'by-person' | 'none';
  readonly erasure: 'delete' | 'anonymise' | 'keep' | 'none';
  readonly why?: string;
}

const NOTHING_ABOUT_ANYONE: DataRights = { access: 'none', erasure: 'none', why: 'holds nothing about anyone' };
const DELETED: DataRights = { access: 'by-person', erasure: 'delete' };
const SAFEGUARDING_KEPT =
  'kept under the safeguarding legal basis (Children Act 1989; DPA 2018 Sch 1 para 18): a record of a concern about a child or a carer cannot be erased on request, and goes when its retention period ends';

const PUBLIC_TASK = 'UK GDPR Art 6(1)(e) public task (Children Act 1989; Fostering Services (England) Regulations 2011)';

export const RECORD_KINDS = {
  'bot-state': {
    container: 'bot-state',
    ttlSeconds: 30 * DAY,
    partitionedBy: 'hash of the botbuilder state key',
    holds:
      "dialog position, ids and preferences for one conversation or user; no message text after the turn, except a feedback flow's masked words, and an enquiry flow's answers (name, contact details) or a web carer's first name while they are asked for a contact route, until that flow ends or is cancelled",
    category: 'personal',
    lawfulBasis: PUBLIC_TASK,
    rights: DELETED,
  },
  'directline-session': {
    container: 'bot-state',
    ttlSeconds: 1 * DAY,
    partitionedBy: 'hash of the session token',
    holds:
      "embedded Direct Line: token hash, conversation id, web user id (random, derived one way from the page's browser cookie, or a signed-in carer's Entra object id), page (carers or public), and a signed-in carer's display name",
    category: 'operational',
    lawfulBasis: PUBLIC_TASK,
    rights: DELETED,
  },
  'directline-activity': {
    container: 'bot-state',
    ttlSeconds: 1 * DAY,
    partitionedBy: 'conversation id',
    holds: 'embedded Direct Line: the messages of one web chat conversation, so any instance can serve the page',
    category: 'personal',
    lawfulBasis: PUBLIC_TASK,
    rights: DELETED,
  },
  'web-sign-in': {
    container: 'bot-state',
    ttlSeconds: 12 * 60 * 60,
    partitionedBy: "hash of the sign-in cookie's secret (the secret itself is never stored)",
    holds: "a carer signed in on the carers' page with the council's Entra tenant: their object id and display name, from the ID token",
    category: 'personal',
    lawfulBasis: PUBLIC_TASK,
    rights: DELETED,
  },
  'web-sign-in-attempt': {
    container: 'bot-state',
    ttlSeconds: 10 * 60,
    partitionedBy: "hash of the attempt cookie's secret",
    holds: 'a sign-in under way: the PKCE code verifier, state and nonce sent to the provider, used once; nothing about the person',
    category: 'operational',
    lawfulBasis: PUBLIC_TASK,
    rights: NOTHING_ABOUT_ANYONE,
  },
  health: {
    container: 'bot-state',
    ttlSeconds: 60 * 60,
    partitionedBy: 'the constant "health"; one record per running store instance',
    holds: 'readiness probe: a random value written and read back by /readyz; nothing about anyone',
    category: 'operational',
    lawfulBasis: PUBLIC_TASK,
    rights: NOTHING_ABOUT_ANYONE,
  },
  'conversation-reference': {
    container: 'conversations',
    ttlSeconds: 400 * DAY,
    partitionedBy: 'audience: a user key, or "channel:<team>" for a staff channel',
    holds: 'how to reach a user or channel proactively: ids, serviceUrl, tenant; no names',
    category: 'personal',
    lawfulBasis: PUBLIC_TASK,
    rights: DELETED,
  },
  decision: {
    container: 'records',
    ttlSeconds: 400 * DAY,
    partitionedBy: 'month (yyyy-mm) of the turn, for reports',
    holds: 'per turn: persona, action, topic, article id, confidence, theme, channel, time; never the message text',
    category: 'operational',
    lawfulBasis: PUBLIC_TASK,
    rights: {
      access: 'none',
      erasure: 'none',
      why: 'no user key: a turn is recorded by ids from the taxonomy and a reference to the activity, never who sent it',
    },
  },
  concern: {
    container: 'records',
    ttlSeconds: 400 * DAY,
    partitionedBy: 'service id (managers list all open concerns of their service)',
    holds:
      'retention concerns and allegation-support requests: reason category, contact preference, status, outcome; from a web carer who is not signed in, the first name and phone and/or e-mail they gave (or that they gave none)',
    category: 'special-category',
    lawfulBasis: `${PUBLIC_TASK}; Art 9(2)(g) with DPA 2018 Sch 1 para 18 (safeguarding)`,
    rights: { access: 'by-person', erasure: 'keep', why: SAFEGUARDING_KEPT },
  },
  feedback: {
    container: 'records',
    ttlSeconds: 400 * DAY,
    partitionedBy: 'service id (the reports read a period of one service)',
    holds:
      'feedback under a theme: forum, source, status, reference; a one-way key of the carer (a hash of their audience key, so reports count carers, not messages; never shown); the name only if the carer chose to share it, the words (personal details masked) only if they allowed quoting',
    category: 'personal',
    lawfulBasis: PUBLIC_TASK,
    rights: {
      access: 'by-person',
      erasure: 'anonymise',
      why: 'the one-way key and any name are removed; the theme and masked words stay in the counts the association was given',
    },
  },
  'theme-response': {
    container: 'records',
    ttlSeconds: 400 * DAY,
    partitionedBy: 'service id',
    holds: "the service's response to a feedback theme (you said, we did, by when, owning team), draft or published, and the manager's user id",
    category: 'operational',
    lawfulBasis: PUBLIC_TASK,
    rights: {
      access: 'by-person',
      erasure: 'keep',
      why: "the service's published response, with the staff member who wrote it: a record of what the service did, not about a carer",
    },
  },
  'feedback-subscription': {
    container: 'records',
    ttlSeconds: 400 * DAY,
    partitionedBy: 'theme id (publishing a response reads one theme)',
    holds: 'a carer who asked to hear when the service responds on a theme: theme and audience key only',
    category: 'personal',
    lawfulBasis: 'UK GDPR Art 6(1)(a) consent (opt-in; "stop feedback updates" ends it)',
    rights: DELETED,
  },
  'report-export': {
    container: 'records',
    ttlSeconds: 1 * DAY,
    partitionedBy: 'the constant "exports"',
    holds:
      'a CSV of report figures behind a random link, and who made it: feedback themes (counts under 3 suppressed; no names, no words) or the recruitment funnel (counts only)',
    category: 'operational',
    lawfulBasis: PUBLIC_TASK,
    rights: { access: 'none', erasure: 'none', why: 'counts only (under 3 suppressed), and gone within a day' },
  },
  booking: {
    container: 'records',
    ttlSeconds: 400 * DAY,
    partitionedBy: 'training session id (capacity is checked within one partition)',
    holds: "training sessions with places taken, carers' bookings and waiting-list entries; information sessions' places, held by enquiry id (no names)",
    category: 'personal',
    lawfulBasis: PUBLIC_TASK,
    rights: DELETED,
  },
  enquiry: {
    container: 'records',
    // after its last change, so a closed enquiry goes this long after closing (ENQUIRY_RETENTION_DAYS sets it)
    ttlSeconds: 180 * DAY,
    partitionedBy: 'service id (officers list the open enquiries of their service)',
    holds:
      "a prospective carer's enquiry, given with consent: first name, phone and/or e-mail, area or postcode district (never an address), best time, interest, their question (details masked), how they heard, information-session place, funnel stage and dates, officers' user ids, and a one-way key of their web browser's user id",
    category: 'personal',
    lawfulBasis: 'UK GDPR Art 6(1)(a) consent (given in the chat before any detail is taken; withdrawn by asking to delete the enquiry)',
    rights: DELETED,
  },
  handoff: {
    container: 'records',
    // after its last change, so a closed hand-off and the messages relayed in it go this long after closing (HANDOFF_RETENTION_DAYS)
    ttlSeconds: 90 * DAY,
    partitionedBy: 'service id (the reminder job lists the waiting hand-offs of the service)',
    holds:
      "a person's request to talk to a member of staff: team, the person's chat address, their name as their channel gives it (or the first name and contact route a web carer gave), the optional line on what it is about, topic and last article, when it was opened, taken (by whom: user id and name) and closed, the outcome, and the messages relayed between them",
    category: 'personal',
    lawfulBasis: PUBLIC_TASK,
    rights: DELETED,
  },
  request: {
    container: 'records',
    ttlSeconds: 400 * DAY,
    partitionedBy: 'service id',
    holds:
      'mentor requests and transport-problem reports: category, preferences, status; from a web carer who is not signed in, the first name and phone and/or e-mail they gave (or that they gave none)',
    category: 'personal',
    lawfulBasis: PUBLIC_TASK,
    rights: DELETED,
  },
  'web-contact': {
    container: 'records',
    // from the last use: each request that passes the details on writes the record again
    ttlSeconds: 180 * DAY,
    partitionedBy: "the web user's address (their user key): one record each, read when their next request needs it",
    holds:
      'a web user who is not signed in (so the council cannot otherwise reach them): the first name and phone number and/or e-mail address they gave so staff can get back to them; nothing else',
    category: 'personal',
    lawfulBasis:
      'UK GDPR Art 6(1)(a) consent (asked before any detail is taken, "no thanks" keeps nothing; withdrawn by "delete them" when the details are next offered, or by not coming back)',
    rights: DELETED,
  },
  'helpful-vote': {
    container: 'records',
    ttlSeconds: 400 * DAY,
    partitionedBy: 'article id',
    holds: '"was this helpful?" per article: yes or no, one per conversation; no user id',
    category: 'operational',
    lawfulBasis: PUBLIC_TASK,
    rights: { access: 'none', erasure: 'none', why: 'one vote per conversation, with no user id' },
  },
  'unanswered-question': {
    container: 'records',
    ttlSeconds: 180 * DAY,
    partitionedBy: 'ISO week (content editors read week by week)',
    holds: 'questions the guidance could not answer, with names, phone numbers, e-mails and postcodes masked',
    category: 'personal',
    lawfulBasis: PUBLIC_TASK,
    rights: { access: 'none', erasure: 'none', why: 'masked questions with no user key: nothing links them to the person who asked' },
  },
  lease: {
    container: 'records',
    ttlSeconds: 2 * DAY,
    partitionedBy: 'lease name',
    holds: 'which instance runs a scheduled job (reminders) and until when',
    category: 'operational',
    lawfulBasis: PUBLIC_TASK,
    rights: NOTHING_ABOUT_ANYONE,
  },
  notice: {
    container: 'records',
    ttlSeconds: 30 * DAY,
    partitionedBy: '"notices" (the retry job lists the pending ones)',
    holds: 'each proactive message: purpose, audience key, the ids it is about, delivered or not, attempts; never its text',
    category: 'operational',
    lawfulBasis: PUBLIC_TASK,
    rights: DELETED,
  },
  'audit-event': {
    container: 'audit',
    ttlSeconds: 2 * 365 * DAY,
    partitionedBy: 'month (yyyy-mm)',
    holds: 'who (user id) did what to which record, when: every staff view and action (DP-6)',
    category: 'personal',
    lawfulBasis: PUBLIC_TASK,
    rights: {
      access: 'by-person',
      erasure: 'keep',
      why: 'the record of who looked at or changed personal data (DP-6): kept for accountability for its 2 years, whoever asks',
    },
  },
} as const satisfies Record<string, KindSpec>;

export type RecordKind = keyof typeof RECORD_KINDS;

export function kindSpec(kind: RecordKind): KindSpec {
  return RECORD_KINDS[kind];
}

/** Retention periods the deployment sets (e.g. ENQUIRY_RETENTION_DAYS), in seconds, instead of the inventory's. */
export type RetentionOverrides = Readonly<Partial<Record<RecordKind, number>>>;

/** How long a record of this kind is kept after its last write. */
export function ttlSecondsOf(kind: RecordKind, overrides: RetentionOverrides = {}): number {
  return overrides[kind] ?? kindSpec(kind).ttlSeconds;
}
