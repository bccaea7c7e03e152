import type { ContactMethod, Outcome, RetentionReason, Urgency } from './domain/concerns/concerns';
import type { Journey, TransportProblem, When } from './domain/requests/service-requests';
import type { Theme } from './content/taxonomy';
import type { ContactProblem } from './domain/contact-details/contact-answers';
import { DateTime } from 'luxon';
import type { Contact, ServiceProfile } from './content/service-profile';
import { formatContact } from './content/service-profile';

/** "Wednesday 10 June 2026" from YYYY-MM-DD. */
const longDate = (isoDate: string): string => DateTime.fromISO(isoDate).setLocale('en-GB').toFormat('cccc d LLLL yyyy');

const contactLine = (profile: ServiceProfile, key: string): string => {
  const contact: Contact | undefined = profile.contacts[key];
  return contact === undefined ? '' : `${formatContact(contact)}${contact.hours === undefined ? '' : ` (${contact.hours})`}`;
};

/** Re-asks for a phone number or e-mail address by what was wrong with the answer: every flow that asks uses these. */
const CONTACT_ROUTE_RETRY = {
  'email-without-at': 'That e-mail address has no "@" in it. Please type it in full (for example jo@example.org), or give a phone number instead.',
  'email-incomplete': 'That e-mail address looks incomplete. Please type it in full (for example jo@example.org), or give a phone number instead.',
  'phone-has-letters': 'That phone number has letters in it. Please type it with digits only (for example 07700 900123).',
  'phone-not-uk': 'I can only take UK phone numbers here. Please give a UK number, or an e-mail address.',
  'phone-wrong-length': "That phone number doesn't look complete: UK numbers have 10 or 11 digits (for example 07700 900123).",
} as const satisfies Record<Exclude<ContactProblem, 'nothing-found'>, string>;

const NOT_MONITORED = 'This chat is not monitored 24/7 — if a child is in immediate danger call 999.';

/** Every user-facing string that is not curated content. Wording changes show up in review via a snapshot test. */
export const messages = {
  /** The bot's display name where a channel shows one (the embedded web channel). */
  assistantName: 'Foster Carer Assistant',
  /** A staff card action whose save failed or could not be confirmed: the card's state is not claimed either way. */
  /** The error body of a refused Teams card action (Teams may show it on the card). */
  cardActionErrors: {
    malformed: 'malformed card action',
    unknown: 'unknown card action',
    notAllowed: 'only the staff this card is for can act on it',
  },
  cardNotUnderstood: 'That button did not work (it may be from an older message). Please type what you need instead.',
  cardActionNotConfirmed:
    'This could not be saved just now, or it could not be confirmed. Refresh the card in a minute to see where it stands, and try again if nothing changed.',
  welcome: (profile: ServiceProfile, publicPage: boolean): string =>
    [
      publicPage
        ? `Hello, I'm the ${profile.name} assistant. I can tell you about fostering, how to apply, information sessions and talking to a foster carer.`
        : `Hello, I'm the ${profile.name} assistant. I can help with allowances and payments, transport, training, mentoring and support, allegations, the carers' association, your child's everyday matters and leaving care.`,
      `How we use your information: [privacy notice](${profile.links.privacyNotice?.url ?? ''}).`,
      `**${NOT_MONITORED}**`,
    ].join('\n\n'),
  teamChannelWelcome: (profile: ServiceProfile): string =>
    `Thanks for adding the ${profile.name} assistant. Staff in this channel will see notifications the service has routed here.`,
  turnFailed: 'Sorry, something went wrong on our side and I could not finish that. Please try again in a minute.',
  tooLong: (limit: number): string => `That message is longer than I can take (${limit} characters). Could you shorten it, or split it into two messages?`,
  unsupportedActivity: 'Sorry, I can only read text messages at the moment.',

  emergency: (advice: string, team: Contact, inOfficeHours: boolean): string =>
    [
      '**If a child is in immediate danger, call 999 now.**',
      advice,
      `${inOfficeHours ? "Then call the children's services duty team" : 'Then call the Emergency Duty Team (out of hours)'}: **${team.phone ?? ''}**${team.hours === undefined ? '' : ` (${team.hours})`}.`,
      'Please also let your supervising social worker know as soon as you can. This chat is not monitored, so do not wait for a reply here.',
    ].join('\n\n'),

  /** A possible risk: the safety line first, then the bot goes on to help with what was asked. */
  safetyLine: (team: Contact, inOfficeHours: boolean): string =>
    [
      '**If a child may be in danger or hurt right now, call 999.**',
      `${inOfficeHours ? "To talk it through with someone, call the children's services duty team" : 'To talk it through with someone tonight, call the Emergency Duty Team (out of hours)'}: **${team.phone ?? ''}**${team.hours === undefined ? '' : ` (${team.hours})`}. This chat is not monitored.`,
    ].join('\n\n'),

  greeting: (publicPage: boolean): string =>
    publicPage
      ? 'Hello! Ask me anything about fostering: who can foster, the types of fostering, the assessment, information sessions, or talking to a foster carer.'
      : "Hello! Ask me about allowances and payments, transport, training, mentoring and support, allegations, the carers' association, your child's everyday matters or leaving care. If a child is in immediate danger, call 999.",

  clarifyPrompt: 'I want to get this right. Did you mean one of these?',

  fallback: (profile: ServiceProfile, publicPage: boolean): string =>
    [
      "I'm sorry, I don't have guidance on that, and I'd rather say so than guess.",
      publicPage
        ? 'I can tell you about fostering, the types of fostering, the assessment, information sessions and talking to a foster carer.'
        : "I can help with allowances and payments, transport, training, mentoring and support, allegations, the carers' association, your child's everyday matters and leaving care.",
      `For anything else, please contact ${publicPage ? `the recruitment team: ${contactLine(profile, 'recruitment')}` : `the fostering team: ${contactLine(profile, 'fosteringTeam')}`}.`,
    ].join('\n\n'),

  noneOfThese: (profile: ServiceProfile): string =>
    `Thanks for telling me. I've noted that none of those fitted, so the team can improve the guidance. You can also ask the fostering team directly: ${contactLine(profile, 'fosteringTeam')}.`,
  thanksForVote: (helpful: boolean): string =>
    helpful ? 'Thanks, that helps us keep the guidance useful.' : "Thanks for telling me. I've passed that on so the guidance can be improved.",

  concerns: {
    notAllowed: 'Sorry, concerns can only be seen by fostering managers. If you are worried about something, I can help you raise it.',
    noneOpen: 'There are no open concerns right now.',
    listHeader: (open: number, overdue: number): string => `${open} open concern${open === 1 ? '' : 's'}${overdue > 0 ? `, ${overdue} overdue` : ''}:`,
    newForManagers: 'A new concern needs a manager.',
    notFound: 'This concern is no longer on record (it may have expired), so nothing was changed. Type "show open concerns" for the current list.',
    needsInput: (verb: string): string =>
      verb === 'record-visit'
        ? 'Please choose a visit date first.'
        : verb === 'close'
          ? 'Please choose an outcome to close it.'
          : 'Please write the action plan first.',
    changedMeanwhile: 'Someone else updated this concern just before you. This is the latest version: nothing you did was saved, please check and try again.',
    alreadyClosed: 'This concern is already closed.',
    saved: 'Saved.',
    carerContacted: (reference: string): string =>
      `A manager from the fostering service has recorded that they have been in touch with you about your request (${reference}). If you haven't heard from them, or anything has changed, just let me know here or contact the fostering team.`,
    overdueHeader: (count: number): string => `${count} concern${count === 1 ? ' is' : 's are'} past the date a manager should have made contact:`,
    overdueBanner: 'Overdue: contact was due by the date below.',
  },

  /** The public page's front door (dialogs/enquiries). */
  enquiries: {
    /** The three offers; the button titles are also commands the rules recognise (content/intents.yaml, enquiry-offer). */
    offers: { 'call-back': 'Call me back', 'information-session': 'Book an information session', 'talk-to-a-carer': 'Talk to a foster carer' },
    askWant:
      'I can ask the recruitment team to call you back, book you a place at an online information session, or arrange a chat with a foster carer. Which would you like?',
    askSession: 'Which session would you like a place on?',
    askDropIn:
      '"Come and talk to a Foster Carer" drop-ins are run by foster carers who volunteer as ambassadors. Would you like a place at one, or shall we arrange a chat for you?',
    arrangeAChat: 'Arrange a chat for me',
    callMeInstead: 'None of these: call me back',
    noSessions: (kind: 'information-session' | 'talk-to-a-carer'): string =>
      `There are no free places on the ${kind === 'information-session' ? 'information sessions' : 'drop-ins'} coming up just now, so I'll ask the team to call you back instead and tell you about the next one.`,
    privacy: (url: string): string =>
      `Before I take any details: the recruitment team uses them only to contact you about fostering, and deletes them 180 days after your enquiry closes. [Privacy notice](${url}).`,
    askConsent: 'Are you happy for me to take your details and pass them to the recruitment team?',
    consentYes: "Yes, that's fine",
    consentNo: 'No thanks',
    declined: (profile: ServiceProfile): string =>
      `That's fine: nothing has been kept. You can still ask me anything about fostering, or contact the recruitment team yourself: ${contactLine(profile, 'recruitment')}.`,
    askFirstName: "What's your first name?",
    firstNameRetry: 'Please type just your first name (letters only), or "cancel" to stop.',
    askContact: "What's the best phone number or e-mail address for you? (You can give both.)",
    contactRetry: {
      ...CONTACT_ROUTE_RETRY,
      'nothing-found': 'Please type a UK phone number or an e-mail address, or "cancel" to stop.',
    } satisfies Record<ContactProblem, string>,
    askArea: 'Which area do you live in? Choose one, or type the first part of your postcode (for example PE29). Please do not type your address.',
    outsideAreas: 'Somewhere else',
    askBestTime: "When's the best time to contact you?",
    askInterest: 'What kind of fostering are you most interested in?',
    askAges: 'Which ages of children are you thinking about?',
    askQuestion: 'Is there anything you would like to ask the team when they contact you? Type it, or "no".',
    askHeardFrom: 'Last one: how did you hear about fostering with us?',
    placeGone: 'Sorry, the last place on that session has just gone. Would you like another date, or a call back?',
    recorded: (input: { firstName: string; reference: string; contactBy: string; workingDays: number; session?: string; online?: boolean }): string =>
      [
        `Thank you, ${input.firstName}. Your reference is **${input.reference}**.`,
        `A recruitment officer will contact you by **${longDate(input.contactBy)}** (within ${input.workingDays} working day${input.workingDays === 1 ? '' : 's'}), at the time you chose.`,
        ...(input.session === undefined
          ? []
          : [`Your place: **${input.session}**.${input.online === true ? ' We will send you the joining link before it starts.' : ''}`]),
        'You can come back to this page on this browser at any time and ask "what\'s happening with my enquiry?", or ask me to delete your details.',
      ].join('\n\n'),
    notSaved: (profile: ServiceProfile): string =>
      `Sorry, I couldn't save your enquiry just now, so nothing has been kept. Please try again in a few minutes, or contact the recruitment team: ${contactLine(profile, 'recruitment')}.`,
    notConfirmed: (profile: ServiceProfile): string =>
      `Sorry, I couldn't confirm that your enquiry was saved. Please ask me "what's happening with my enquiry?" in a few minutes, or contact the recruitment team: ${contactLine(profile, 'recruitment')}.`,
    noneFound: (profile: ServiceProfile): string =>
      `I can't find an enquiry made from this browser. If you made it on another device, or cleared this browser's cookies, the recruitment team can help: ${contactLine(profile, 'recruitment')}. Or I can take one now.`,
    status: {
      heading: (reference: string, raised: string): string => `**${reference}** (made on ${longDate(raised)}):`,
      waiting: (contactBy: string): string => `We have your enquiry. A recruitment officer will contact you by ${longDate(contactBy)}.`,
      late: (contactBy: string, profile: ServiceProfile): string =>
        `We're sorry: we said we would contact you by ${longDate(contactBy)}, and we haven't yet. The team has been reminded. You can also call them: ${contactLine(profile, 'recruitment')}.`,
      tried: 'A recruitment officer has tried to reach you but could not get through. They will try again, or you can contact them.',
      contacted: 'A recruitment officer has been in touch. The next step is an initial visit, when they come and talk with you at home.',
      'initial-visit': 'Your initial visit is booked or has happened. The next step is the application form.',
      application: 'We have received your application. Next is the Skills to Foster preparation course.',
      'skills-to-foster': 'You have attended Skills to Foster. Next is your assessment (Form F) with an assessing social worker.',
      assessment: 'Your assessment (Form F) is under way with your assessing social worker.',
      approved: 'You have been approved as a foster carer. Congratulations, and welcome!',
      closed: 'This enquiry is closed. If you would like to start again, just ask me to call you back.',
      session: (label: string): string => `You have a place on ${label}.`,
      joiningLink: (url: string): string => `Joining link: [join the session](${url}).`,
    },
    askForget: (references: string): string =>
      `Do you want me to delete your enquiry (${references}) and the details you gave? The recruitment team will then not contact you about it.`,
    forgetYes: 'Yes, delete my details',
    forgetNo: 'No, keep it',
    forgotten: 'Done: your enquiry and the details you gave have been deleted. If you change your mind, you are always welcome to ask again.',
    kept: 'Fine, your enquiry stays as it is.',
    /** Staff-side list and card text. */
    notAllowed: 'Sorry, enquiries can only be seen by recruitment officers.',
    noneOpen: 'There are no open enquiries matching that.',
    listHeader: (shown: number, overdue: number): string =>
      `${shown} open enquir${shown === 1 ? 'y' : 'ies'}${overdue > 0 ? `, ${overdue} past the first-contact date` : ''}:`,
    newForOfficers: 'A new enquiry from the public page.',
    overdueBanner: 'Overdue: first contact was due by the date below.',
    changedMeanwhile: 'Someone else updated this enquiry just before you. This is the latest version: nothing you did was saved, please check and try again.',
    alreadyClosed: 'This enquiry is already closed.',
    needsOutcome: 'Please choose how the contact went first.',
    needsReason: 'Please choose a reason to close it.',
    thirdAttempt: 'That was the third attempt without a reply: you can close it with "no reply after 3 attempts".',
    saved: 'Saved.',
    erased: "Erased at the enquirer's request: their details are no longer held.",
    notFound: 'This enquiry is no longer on record (it was erased or has expired), so nothing was changed.',
  },

  /**
   * Asking a web user the council does not know (not signed in) how someone can get back to them, once: the details
   * are kept for their next request, which says what it will pass on instead of asking (dialogs/contact-details).
   */
  contactDetails: {
    askFirstName: (keptDays: number): string =>
      `So someone can get back to you, I'd like your first name and a phone number or e-mail address. I'll pass them on with this, and keep them for your next request here (for ${keptDays} days after you last use them). What's your first name?`,
    askFirstNameAgain: "What's your first name?",
    firstNameRetry: 'Please type just your first name (letters only), or choose "No thanks" to go on without contact details.',
    askRoute: (firstName: string): string => `Thanks, ${firstName}. What's the best phone number or e-mail address for you? (You can give both.)`,
    routeRetry: {
      ...CONTACT_ROUTE_RETRY,
      'nothing-found': 'Please type a UK phone number or an e-mail address, or choose "No thanks" to go on without them.',
    } satisfies Record<ContactProblem, string>,
    noThanks: 'No thanks',
    declined: "That's fine: I'll pass this on without any contact details.",
    /** The details kept from last time, shown before they go: "I'll pass on your details (Jo, 07700 900123) …". */
    passOn: (details: string): string => `I'll pass on your details (${details}) so someone can get back to you. Is that OK?`,
    passOnYes: 'Yes, pass them on',
    change: 'Change them',
    notThisTime: 'No, not this time',
    forget: 'Delete them',
    forgotten: "I've deleted your details, and I'll pass this on without any.",
    forgetFailed: 'Sorry, I couldn\'t delete your details just now: please choose "Delete them" again next time. I\'ll pass this on without them.',
  },

  retention: {
    intro:
      "I'm really sorry things feel this hard. Lots of carers go through times like this, and the service would much rather help than lose you. When a carer is thinking about stopping, a manager can contact you quickly, talk it through and agree a plan that could help.",
    askConsent: 'Would you like me to ask a manager to contact you? I would share only what you tell me next.',
    consentYes: 'Yes, please ask a manager to contact me',
    consentNo: 'No thanks, not now',
    declined: (profile: ServiceProfile): string =>
      `That's completely fine. Nothing has been passed on. If you change your mind, just tell me, or contact the fostering team yourself: ${contactLine(profile, 'fosteringTeam')}. Your supervising social worker and the employee assistance programme (${contactLine(profile, 'employeeAssistance')}) are there for you too.`,
    askReason: 'What is the main reason? (It helps the manager come prepared.)',
    askMethod: 'How would you like the manager to contact you?',
    askDetail: 'What number or e-mail address should they use?',
    detailRetry: 'Please type a phone number or an e-mail address.',
    askTime: 'When is a good time to reach you? (For example "weekday mornings". Type "any" if any time is fine.)',
    /** Stored (and shown to managers) when the carer typed "any". */
    anyTime: 'Any time',
    askUrgency: 'How soon would you like to hear from a manager?',
    recorded: (reference: string, contactByDate: string): string =>
      `Thank you. I've passed this to the fostering managers (reference ${reference}). A manager will contact you by ${longDate(contactByDate)}, the way you asked, to talk things through and agree what would help. Nothing is decided until you've spoken. I'll let you know here when they record that they've been in touch.`,
    /** Recorded for a web carer who left no way to reach them: no promise that a manager will be in touch. */
    recordedWithoutContact: (reference: string, profile: ServiceProfile): string =>
      `Thank you. I've passed this to the fostering managers (reference ${reference}). As I have no contact details for you, they can't get in touch with you directly: please contact the fostering team when you're ready (${contactLine(profile, 'fosteringTeam')}) and quote the reference. Nothing is decided until you've spoken.`,
    notSaved: (profile: ServiceProfile): string =>
      `I'm sorry, I couldn't pass this on just now because of a problem on our side. Please contact the fostering team directly: ${contactLine(profile, 'fosteringTeam')}.`,
    notConfirmed: (profile: ServiceProfile): string =>
      `I'm sorry, a problem on our side means I can't tell whether this reached the fostering managers. So that nothing is missed, please contact the fostering team directly: ${contactLine(profile, 'fosteringTeam')}.`,
  },

  allegation: {
    intro: (profile: ServiceProfile): string =>
      `I'm sorry you're going through this; it is a very worrying time. You don't need to give me any details. Below is how the process works. You are entitled to independent advice and support: ${contactLine(profile, 'independentSupport')}. The employee assistance programme is there for you too: ${contactLine(profile, 'employeeAssistance')}.`,
    askChoice: 'What would help now?',
    choiceCallback: 'A call back from the fostering team',
    choiceIndependent: 'Contact details for independent support',
    choiceNothing: 'Nothing for now, thanks',
    askSsw: 'Should your supervising social worker be involved in the call back?',
    sswYes: 'Yes, that is fine',
    sswNo: "No, I'd rather they weren't",
    askMethod: 'How would you like them to contact you?',
    independent: (profile: ServiceProfile): string =>
      `Independent support: ${contactLine(profile, 'independentSupport')}. Fosterline offers free, independent advice to foster carers in England: ${contactLine(profile, 'fosterline')}. The employee assistance programme: ${contactLine(profile, 'employeeAssistance')}. You can contact them whenever you are ready.`,
    handedOff: (reference: string, contactByDate: string): string =>
      `Thank you. I've asked the fostering team to call you back (reference ${reference}), by ${longDate(contactByDate)}. Allegations are handled by the council under its allegations procedure, with the Local Authority Designated Officer (LADO) where needed; the team will explain what happens next and who you can talk to.`,
    /** A web carer who is not signed in asked for a call back but left no way to reach them. */
    handedOffWithoutContact: (reference: string, profile: ServiceProfile): string =>
      `Thank you. I've let the fostering team know you would like to talk (reference ${reference}), but without a number or e-mail they can't call you back: please contact them and give the reference: ${contactLine(profile, 'fosteringTeam')}. Allegations are handled by the council under its allegations procedure; the team will explain what happens next and who you can talk to.`,
    nothing: (profile: ServiceProfile): string =>
      `That's fine. If you want to talk to someone later, the fostering team is here: ${contactLine(profile, 'fosteringTeam')}.`,
  },

  cancelled: 'OK, I have stopped that. Nothing more was passed on.',

  requests: {
    noneOpen: (type: string): string => `There are no open ${type === 'transport-report' ? 'transport reports' : 'mentor requests'}.`,
    listHeader: (type: string, n: number): string => `${n} open ${type === 'transport-report' ? 'transport report' : 'mentor request'}${n === 1 ? '' : 's'}:`,
    newForStaff: (type: string): string => (type === 'transport-report' ? 'A new transport problem has been reported.' : 'A new mentor request has come in.'),
    changed: 'Someone else updated this just before you; this is the latest version.',
    notFound:
      'This request is no longer on record (it may have expired), so nothing was changed. Type "show transport reports" or "show mentor requests" for the current list.',
  },

  transport: {
    askWaiting: 'First: is a child waiting or stranded right now?',
    waitingYes: 'Yes, a child is waiting now',
    waitingNo: 'No',
    urgent: (team: string, phone: string, inOfficeHours: boolean, edt: string): string =>
      inOfficeHours
        ? `Please ring the ${team} now on **${phone}** so they can sort a journey straight away. If a child is in danger, call 999.`
        : `It's out of hours, so please ring the Emergency Duty Team now on **${edt}**. If a child is in danger, call 999.`,
    /** In place of the portal's link when the profile has none: "To rebook the journey, use the transport booking portal." */
    portalFallback: 'transport booking portal',
    askProblem: 'What happened?',
    askJourney: 'Which journey was it?',
    askWhen: 'When was it?',
    notSaved: (profile: ServiceProfile): string =>
      `I'm sorry, I couldn't log that just now because of a problem on our side. Please tell the transport team directly: ${contactLine(profile, 'transport')}. If a child is waiting or stranded out of hours, call the Emergency Duty Team: ${profile.contacts.emergencyDutyTeam?.phone ?? ''}.`,
    notConfirmed: (profile: ServiceProfile): string =>
      `I'm sorry, a problem on our side means I can't tell whether this was logged. So that nothing is missed, please tell the transport team directly: ${contactLine(profile, 'transport')}. If a child is waiting or stranded out of hours, call the Emergency Duty Team: ${profile.contacts.emergencyDutyTeam?.phone ?? ''}.`,
    /** After `recorded`, for a web carer who left no way to reach them. */
    withoutContact: (reference: string, profile: ServiceProfile): string =>
      `As I have no contact details for you, the transport team can't get back to you directly: if you need them to, please contact them (${contactLine(profile, 'transport')}) and quote ${reference}.`,
    recorded: (reference: string, portal: string): string =>
      `Thank you. I've logged this with the transport team (reference ${reference}) and it is counted in the transport reliability figures the carers' association sees. To rebook the journey, use the ${portal}.`,
  },

  mentor: {
    askArea: 'Which area would suit you best?',
    /** The last choice after the profile's areas; also what is stored when a preference was not given. */
    noPreference: 'No preference',
    askType: 'Any type of fostering the mentor should know about?',
    askLanguage: 'Any language other than English that would help? (Type "no" if not.)',
    notSaved: (profile: ServiceProfile): string =>
      `I'm sorry, I couldn't pass that on just now because of a problem on our side. Please contact the mentoring coordinator directly: ${contactLine(profile, 'mentoring')}.`,
    notConfirmed: (profile: ServiceProfile): string =>
      `I'm sorry, a problem on our side means I can't tell whether your request reached the mentoring coordinator. So that nothing is missed, please contact them directly: ${contactLine(profile, 'mentoring')}.`,
    recordedFind: (reference: string): string =>
      `Thank you. I've passed your request for a mentor to the mentoring coordinator (reference ${reference}). They match carers with an experienced mentor and will be in touch to introduce you.`,
    /** Recorded for a web user who left no way to reach them: no promise that the coordinator will be in touch. */
    recordedWithoutContact: (reference: string, profile: ServiceProfile): string =>
      `Thank you. I've passed this to the mentoring coordinator (reference ${reference}). As I have no contact details for you, they can't get in touch with you directly: please contact them when you're ready (${contactLine(profile, 'mentoring')}) and quote the reference.`,
    recordedOffer: (reference: string): string =>
      `Thank you for offering to mentor! I've passed this to the mentoring coordinator (reference ${reference}), who will contact you about the next steps and any preparation.`,
  },

  training: {
    whichCourse: 'Which course would you like?',
    whichSession: (course: string): string => `These are the next dates for ${course}. Which would you like?`,
    noneSuit: 'None of these dates suit me',
    confirmBook: (course: string, label: string): string => `Book you a place on ${course}, ${label}?`,
    booked: (course: string, label: string): string => `You're booked on ${course}, ${label}. I'll remind you two days before. To cancel, just tell me.`,
    waiting: (course: string, label: string): string =>
      `That session is full, so I've put you on the waiting list for ${course}, ${label}. If a place comes up I'll offer it to you here.`,
    alreadyBooked: (course: string, label: string): string => `You're already booked on ${course}, ${label}.`,
    alreadyWaiting: (course: string, label: string): string => `You're already on the waiting list for ${course}, ${label}.`,
    past: 'That session has already started, so it can no longer be booked. Pick another date, or tell me none suit and I will register your interest.',
    interest: (course: string): string => `Thanks, I've registered your interest in ${course}. The training team uses this to plan new dates.`,
    noDates: (course: string): string =>
      `There are no dates for ${course} at the moment, so I've registered your interest. The training team uses this to plan new dates.`,
    notBooked: 'Fine, nothing has been booked.',
    bookFailed: "I'm sorry, a problem on our side stopped me booking that, and nothing has been booked. Please try again in a few minutes.",
    bookUnknown: 'I\'m sorry, a problem on our side means I can\'t tell whether that booking went through. Ask me "my bookings" in a few minutes to check.',
    cancelFailed: (course: string, label: string): string =>
      `I'm sorry, a problem on our side stopped me cancelling, so you are still booked on ${course}, ${label}. Please try again in a few minutes.`,
    cancelUnknown:
      'I\'m sorry, a problem on our side means I can\'t tell whether that cancellation went through. Ask me "my bookings" in a few minutes to check.',
    noBookings: "You don't have any upcoming training bookings.",
    yourBookings: (lines: readonly string[]): string => `Your upcoming training:\n\n${lines.map((l) => `- ${l}`).join('\n')}`,
    whichToCancel: 'Which booking would you like to cancel?',
    confirmCancel: (course: string, label: string): string => `Cancel your place on ${course}, ${label}?`,
    cancelledPlace: (course: string, label: string): string => `Done: your place on ${course}, ${label} is cancelled.`,
    kept: 'OK, your booking stays as it is.',
    offer: (course: string, label: string, until: string): string =>
      `Good news: a place has come up on ${course}, ${label}, and it is held for you until ${until}. Would you like it?`,
    acceptOffer: 'Yes, book me',
    declineOffer: 'No thanks',
    offerTaken: (course: string, label: string): string => `You're booked on ${course}, ${label}.`,
    offerLapsed: 'Sorry, that offer has lapsed and the place has gone to the next person waiting. You are still welcome to book another date.',
    offerDeclined: 'No problem, the place will go to the next person waiting.',
    reminder: (course: string, label: string): string =>
      `Reminder: you're booked on ${course}, ${label}. If you can't make it, tell me "cancel" so the place can go to someone else. (You get this because you booked in this chat; say "stop training reminders" to turn these off.)`,
    remindersOff: 'Done: I won\'t send you training reminders any more. Say "turn training reminders on" if you change your mind.',
    remindersOn: "Done: I'll remind you two days before each course you book.",
  },

  /** Figures for managers ("show figures"): one line each, sent as a list. */
  figures: {
    course: (course: string, booked: number, capacity: number, waiting: number, interest: number): string =>
      `${course}: ${booked} of ${capacity} places booked (${capacity === 0 ? 0 : Math.round((booked / capacity) * 100)}% full), ${waiting} waiting, ${interest} registered interest`,
    /** `monthAndProblem`: "2026-05 Late". */
    transport: (monthAndProblem: string, count: number): string => `Transport ${monthAndProblem}: ${count}`,
    noTransport: 'Transport reports: none yet',
  },

  /** The feedback loop (issue 11): carers' feedback under themes, the service's response, the association's report. */
  feedback: {
    askTheme: (recognised: string | undefined): string =>
      recognised === undefined
        ? 'Thank you for this. Which theme fits it best?'
        : `Thank you for this. I think it is about **${recognised}**. Is that right? Choose the theme that fits best.`,
    askWords: (theme: string | undefined): string =>
      `What would you like the service and the association to know${theme === undefined ? '' : ` about ${theme}`}? Please leave out names and addresses.`,
    askForum: "Which carers' forum should it go to?",
    askSharing: 'How should it be shared? It stays anonymous unless you choose to share your name, so the association can follow it up with you.',
    anonymous: 'Keep me anonymous',
    named: 'Share my name with the association',
    askName: 'What name should the association use? (Type "skip" to stay anonymous.)',
    skipName: 'skip',
    askQuote: 'May the association quote your words, with names, phone numbers and addresses taken out? Or should it only be counted?',
    quote: 'You may quote my words',
    countOnly: 'Only count it',
    recorded: (r: { reference: string; theme: string; forum?: string; named: boolean; quoted: boolean; meets?: string }): string =>
      `Thank you, it is logged (reference ${r.reference}) under **${r.theme}**${r.forum === undefined ? '' : ` for the ${r.forum}`}, ${r.named ? 'with your name' : 'anonymously'}, ${r.quoted ? 'with your words (personal details taken out)' : 'counted only'}. ` +
      `The association sees themes and counts, never who said what unless you shared your name. The fostering service answers each theme, and its response goes back to the forums ("you said, we did").` +
      (r.forum !== undefined && r.meets !== undefined ? ` The ${r.forum} meets ${r.meets}.` : ''),
    loggedForForum: (reference: string, theme: string, forum: string | undefined): string =>
      `Logged for the forum (reference ${reference}) under **${theme}**${forum === undefined ? '' : ` for the ${forum}`}. It counts in the themes report; no names are kept.`,
    askSubscribe: (theme: string): string => `Would you like me to tell you here when the service responds on ${theme}?`,
    subscribeYes: 'Yes, tell me',
    subscribeNo: 'No thanks',
    subscribed: (theme: string): string =>
      `I will message you here when the service publishes its response on ${theme}. To stop, type "stop feedback updates".`,
    notSubscribed: 'No problem. You can ask me "what has been done about …" at any time.',
    notSaved: (profile: ServiceProfile): string =>
      `I'm sorry, a problem on our side means I can't confirm your feedback was logged. Please try again later, or pass it to your carers' association: ${profile.carersAssociations.map((key) => contactLine(profile, key)).join('; ')}.`,
    updatesOff: (stopped: number): string =>
      stopped > 0
        ? 'Done: I will not send you any more updates on feedback responses.'
        : 'You were not signed up for feedback updates, so there is nothing to stop.',
    responsesHeader: (theme: string | undefined): string =>
      theme === undefined
        ? 'The latest responses from the fostering service ("you said, we did"), newest first:'
        : `What the fostering service has said on **${theme}**, newest first:`,
    responseLine: (r: { published: string; theme: string; youSaid: string; weDid: string; byWhen?: string; owner: string }): string =>
      `**${longDate(r.published)}**, ${r.theme}. You said: ${r.youSaid} We did: ${r.weDid} (${r.byWhen === undefined ? r.owner : `${r.owner}, by ${longDate(r.byWhen)}`})`,
    noResponseYet: (theme: string): string =>
      `No response has been recorded on ${theme} yet. Would you like me to log your view on it, so it counts when the service responds?`,
    noResponses: 'No responses have been recorded yet. Would you like me to log your view, so it counts when the service responds?',
    logMyView: 'Log my view',
    /** What the "Log my view" button says in the chat; the bot knows its own words and starts the flow with that theme. */
    logMyViewText: (theme: string | undefined): string => (theme === undefined ? 'Give feedback' : `Give feedback on ${theme}`),
    notForEnquirers: (profile: ServiceProfile): string =>
      `Thank you for telling us. Feedback in this chat is for approved foster carers; the recruitment team would be glad to hear yours: ${contactLine(profile, 'recruitment')}.`,
    responseNotice: (r: { theme: string; youSaid: string; weDid: string; byWhen?: string; owner: string }): string =>
      `You said, we did: the fostering service has responded on **${r.theme}**. You said: ${r.youSaid} We did: ${r.weDid} (${r.byWhen === undefined ? r.owner : `${r.owner}, by ${longDate(r.byWhen)}`}). To stop these updates, type "stop feedback updates".`,
    notAllowed: "Sorry, feedback reports are for the carers' association and fostering managers.",
    managersOnly: "Sorry, only fostering managers can review feedback and record the service's response.",
    noneNew: 'There is no new feedback waiting for a response.',
    newHeader: (items: number, themes: number): string =>
      `${items} feedback item${items === 1 ? '' : 's'} waiting for a response, in ${themes} theme${themes === 1 ? '' : 's'}:`,
    periodNotUnderstood:
      'I did not recognise a period, so this covers the last 3 months. You can ask for "since November", "this quarter" or "the last 6 months".',
    exportReady: (period: string): string =>
      `The counts for ${period} are ready to download (the link works for one day; counts under 3 are shown as "fewer than 3").`,
  },

  /** Staff cards (Adaptive Cards): headings, fact labels, inputs and buttons. */
  /** What a person sees for each stored id (the ids live with their domain: bot/domain/concerns, bot/domain/requests). */
  labels: {
    enquiryWants: { 'call-back': 'A call back', 'information-session': 'An information session', 'talk-to-a-carer': 'A chat with a foster carer' },
    bestTimes: { 'weekday-daytime': 'Weekday daytime', 'weekday-evening': 'Weekday evening', weekend: 'Weekend', 'any-time': 'Any time' },
    ageGroups: {
      'under-5': 'Under 5',
      '5-to-10': '5 to 10',
      '11-and-over': '11 and over',
      'brothers-and-sisters': 'Brothers and sisters together',
      'not-sure': 'Not sure yet',
    },
    contactOutcomes: { spoke: 'Spoke to them', 'left-message': 'Left a message', 'no-reply': 'No reply', 'wrong-details': 'Wrong number or e-mail' },
    closeReasons: {
      'not-suitable-now': 'Not suitable now',
      'went-to-an-agency': 'Went to an agency',
      'no-reply-after-3-attempts': 'No reply after 3 attempts',
      withdrew: 'Withdrew',
      approved: 'Approved',
    },
    retentionReasons: {
      money: 'Money and allowances',
      'social-worker-support': 'Support from social workers',
      health: 'Health',
      family: 'Family',
      allegation: 'An allegation or investigation',
      'training-or-paperwork': 'Training or skills paperwork',
      other: 'Something else',
    } satisfies Record<RetentionReason, string>,
    contactMethods: { teams: 'A Teams message', phone: 'A phone call', email: 'An email', visit: 'A visit at home' } satisfies Record<ContactMethod, string>,
    urgencies: { today: 'Today if possible', 'this-week': 'This week', 'no-rush': 'No rush' } satisfies Record<Urgency, string>,
    outcomes: { stayed: 'Carer stayed', resigned: 'Carer resigned', transferred: 'Transferred', other: 'Other' } satisfies Record<Outcome, string>,
    transportProblems: {
      'no-show': 'Taxi or escort did not arrive',
      late: 'Late',
      'no-car-seat': 'No car seat',
      cancelled: 'Journey cancelled',
      other: 'Something else',
    } satisfies Record<TransportProblem, string>,
    journeys: { school: 'School', contact: 'Contact (family time)', health: 'Health appointment', other: 'Other' } satisfies Record<Journey, string>,
    when: { today: 'Today', yesterday: 'Yesterday', 'this-week': 'Earlier this week', earlier: 'Before that' } satisfies Record<When, string>,
    /** The 13 feedback themes of ../shared/spec/taxonomy.md, as carers and reps read them. */
    themes: {
      'payments-timeliness': 'Payments on time',
      'allowance-levels': 'Allowance levels',
      'tax-statements': 'Tax statements',
      'transport-reliability': 'Transport reliability',
      'social-worker-contact': 'Contact with social workers',
      'planning-and-reviews': 'Planning and reviews',
      'training-access': 'Getting to training',
      'skills-accreditation': 'Skills levels and accreditation',
      communication: 'Communication from the service',
      recognition: 'Recognition of carers',
      'wellbeing-and-support': 'Wellbeing and support',
      'health-and-education': "Children's health and education",
      other: 'Something else',
    } satisfies Record<Theme, string>,
    /** Stored as shown: the coordinator reads them as they were chosen. */
    fosteringTypes: [
      'Teenagers',
      'Parent and child',
      'Disabled children',
      'Babies and young children',
      'Kinship / connected carers',
      'Short breaks',
      'No preference',
    ],
  },
  cards: {
    handoff: {
      heading: (reference: string): string => `Talk to someone: ${reference}`,
      from: 'From',
      about: 'About',
      topic: 'Topic',
      lastArticle: 'Last read',
      asked: 'Asked',
      takeBy: 'Take by',
      status: 'Status',
      notGiven: 'not given',
      waiting: 'Waiting for someone to take it',
      takenBy: (name: string, at: string): string => `Taken by ${name} at ${at}`,
      closedAs: (outcome: string, at: string): string => `Closed at ${at}: ${outcome}`,
      closedByCarer: (at: string): string => `Ended by the person at ${at}`,
      stillWaiting: (minutes: number): string => `Still waiting: nobody has taken this within ${minutes} minutes.`,
      conversation: 'Conversation so far',
      fromCarer: 'They wrote',
      fromStaff: (name: string): string => `${name} wrote`,
      takeIt: 'Take it',
      replyLabel: 'Your reply (goes to their chat)',
      send: 'Send',
      outcomeLabel: 'How did it end?',
      close: 'Close',
      refresh: 'Refresh',
      outcomes: {
        answered: 'Answered',
        'call-arranged': 'Call arranged',
        'passed-to-social-worker': 'Passed to their social worker',
        'no-reply': 'No reply',
        'not-needed': 'Not needed',
      },
      /** Posted in the card's thread when the person writes to the member of staff who took it. */
      carerWrote: (reference: string, text: string): string => `${reference}, they wrote: ${text}`,
      carerEnded: (reference: string): string => `${reference}: they ended the chat.`,
      sent: 'Sent to their chat.',
    },
    answer: {
      sourceLine: (sources: string, reviewed: string): string => `Source: ${sources} · Last reviewed ${reviewed}`,
      wasItHelpful: 'Was this helpful?',
      yes: 'Yes',
      no: 'No',
      noneOfThese: 'None of these',
    },
    /** A carer the council knows (Teams, or signed in on the web) whose channel gave no display name. */
    unnamedCarer: 'Carer (no name given)',
    /** A web carer who is not signed in and gave no first name: their Direct Line name ("webchat user") is never shown. */
    webCarerNotSignedIn: 'Web carer (not signed in)',
    /** What a web carer who is not signed in gave so staff can get back to them, on concern and request cards. */
    contact: {
      phone: 'Phone',
      email: 'E-mail',
      details: 'Contact details',
      noneGiven: 'None given (not signed in, chose not to leave any): wait for the carer to get back in touch',
    },
    concern: {
      heading: (kind: string, reference: string): string => `${kind === 'retention' ? 'Retention concern' : 'Allegation support request'} ${reference}`,
      statuses: { open: 'Open', acknowledged: 'Acknowledged', contacted: 'Contact made', closed: 'Closed' },
      statusValue: (status: string, overdue: boolean): string => (overdue ? `${status} (overdue)` : status),
      facts: {
        status: 'Status',
        carer: 'Carer',
        reason: 'Main reason',
        contactMethod: 'Contact by',
        contactDetail: 'Number or e-mail',
        contactTime: 'Best time',
        urgency: 'Urgency',
        callback: 'Call back',
        involveSupervisingSocialWorker: 'Involve SSW',
        raised: 'Raised',
        contactBy: 'Contact due by',
        assignedTo: 'Assigned to',
        visit: 'Visit',
        actionPlan: 'Action plan',
        outcome: 'Outcome',
      },
      callback: (requested: boolean): string => (requested ? 'Requested' : 'Not requested'),
      involveSupervisingSocialWorker: (involve: boolean): string => (involve ? 'Yes' : 'No, please do not'),
      inputs: { visitDate: 'Visit date', note: 'Action plan or closing note', outcome: 'Outcome (to close)' },
      actions: {
        refresh: 'Refresh',
        acknowledge: 'Acknowledge',
        assignToMe: 'Assign to me',
        recordContact: 'Contact made',
        recordVisit: 'Save visit date',
        actionPlan: 'Save action plan',
        close: 'Close',
      },
    },
    request: {
      heading: (type: string, reference: string): string => `${type === 'transport-report' ? 'Transport problem' : 'Mentor request'} ${reference}`,
      facts: {
        problem: 'Problem',
        journey: 'Journey',
        when: 'When',
        childWaiting: 'Child waiting then',
        request: 'Request',
        area: 'Area',
        fosteringType: 'Fostering type',
        language: 'Language',
        carer: 'Carer',
        raised: 'Raised',
        status: 'Status',
      },
      childWaiting: (waiting: boolean): string => (waiting ? 'Yes' : 'No'),
      mode: (mode: string): string => (mode === 'find-a-mentor' ? 'Would like a mentor' : 'Offers to be a mentor'),
      status: (status: string): string => (status === 'open' ? 'Open' : 'Closed'),
      inputs: { note: 'Closing note (optional)' },
      actions: { close: 'Close' },
    },
    enquiry: {
      heading: (reference: string): string => `Enquiry ${reference}`,
      stages: {
        enquiry: 'New',
        contacted: 'Contacted',
        'initial-visit': 'Initial visit booked',
        application: 'Application received',
        'skills-to-foster': 'Skills to Foster attended',
        assessment: 'Assessment (Form F) started',
        approved: 'Approved',
      },
      closedStage: (stage: string, reason: string): string => `Closed at "${stage}": ${reason}`,
      overdue: (stage: string): string => `${stage} (first contact overdue)`,
      facts: {
        stage: 'Stage',
        wants: 'Asked for',
        name: 'First name',
        phone: 'Phone',
        email: 'E-mail',
        area: 'Area',
        bestTime: 'Best time',
        interest: 'Interested in',
        ages: 'Ages',
        question: 'Their question',
        heardFrom: 'Heard from',
        session: 'Session place',
        raised: 'Enquired',
        contactBy: 'Contact by',
        assignedTo: 'Assigned to',
        attempts: 'Contact attempts',
      },
      attempts: (n: number, last: string | undefined): string => (last === undefined ? String(n) : `${n} (last: ${last})`),
      sessionPlace: (label: string, attended: boolean | undefined): string => (attended === true ? `${label} (attended)` : label),
      inputs: { outcome: 'How did the contact go?', reason: 'Reason (to close)' },
      actions: {
        refresh: 'Refresh',
        'assign-to-me': 'Assign to me',
        contacted: 'Record contact',
        'initial-visit': 'Initial visit booked',
        application: 'Application received',
        'skills-to-foster': 'Skills to Foster attended',
        assessment: 'Assessment started',
        approved: 'Approved',
        'session-attended': 'Attended session',
        close: 'Close',
        erase: 'Erase (they asked)',
      },
    },
    funnel: {
      title: (period: string): string => `Recruitment funnel: ${period}`,
      comparedWith: (previous: string): string =>
        `Compared with ${previous}. Each stage counts the enquiries that reached it in the period, as the council's recruitment table does.`,
      stageLine: (stage: string, count: number, previous: number, conversion: string): string => `**${stage}**: ${count}${conversion} (before: ${previous})`,
      conversion: (share: number): string => ` (${Math.round(share * 1000) / 10}% of enquiries)`,
      firstContact: (made: number, median: string, within: number, overdue: number, target: number): string =>
        `**First contact**: made for ${made}; median time ${median}; ${within} of ${made} within the ${target}-working-day target${overdue > 0 ? `; ${overdue} waiting past their date` : ''}.`,
      hours: (h: number | null): string => (h === null ? 'not known yet' : h < 48 ? `${Math.round(h)} hours` : `${Math.round(h / 24)} days`),
      sessions: (booked: number, attended: number): string =>
        `**Information sessions**: ${booked} place${booked === 1 ? '' : 's'} booked, ${attended} attended.`,
      bySource: 'By how they heard',
      byChannel: 'By channel',
      byWant: 'By what they asked for',
      closed: 'Closed, by reason',
      line: (label: string, current: number, previous: number): string => `${label}: ${current} (before: ${previous})`,
      noneYet: 'No enquiries in this period.',
      chartTitle: 'Enquiries at each stage',
      axisTitle: 'Number of enquiries',
      chartAlt: (lines: string): string => `Bar chart of the recruitment funnel, this period and the one before: ${lines}`,
      current: 'This period',
      previous: 'Period before',
      download: 'Download the figures (CSV)',
      figures: {
        made: 'first contact made',
        'within-target': 'first contact within the target',
        'median-hours': 'median hours to first contact',
        'overdue-now': 'waiting past their contact-by date',
        booked: 'information-session places booked',
        attended: 'information sessions attended',
      } as Readonly<Record<string, string>>,
      channels: { webchat: 'Public web page', directline: 'Public web page', msteams: 'Teams' } as Readonly<Record<string, string>>,
    },
    feedbackTheme: {
      heading: (theme: string): string => `Feedback: ${theme}`,
      facts: { waiting: 'Waiting for a response', forums: 'By forum', named: 'Shared their name', response: 'Response' },
      /** "3 (2 new since the last look)": new is what no manager has acknowledged yet. */
      waiting: (all: number, fresh: number): string => (fresh === 0 ? String(all) : `${all} (${fresh} new since the last look)`),
      quotesHeading: "Carers' words (where they allowed quoting)",
      draftBanner: 'Draft response: not published yet',
      publishedBanner: (date: string): string => `Response published ${date}`,
      inputs: {
        youSaid: 'You said (what carers raised, in summary)',
        weDid: 'We did, or will do',
        byWhen: 'By when (optional)',
        owner: 'Owner (team or role)',
      },
      actions: { refresh: 'Refresh', acknowledge: 'Acknowledge', saveDraft: 'Save draft', publish: 'Publish response' },
      needsText: 'Please fill in "You said", "We did" and the owner before saving.',
      changed: 'Someone else changed this response just before you: this is the latest version. Nothing you did was saved.',
      published: (subscribers: number): string =>
        `Published. It now appears in carers' answers and the association's report${subscribers > 0 ? `, and ${subscribers} subscribed carer${subscribers === 1 ? '' : 's'} will be told` : ''}.`,
      acknowledged: (n: number): string => `${n} item${n === 1 ? '' : 's'} acknowledged.`,
      nothingToAcknowledge: 'Nothing new to acknowledge.',
    },
    themeReport: {
      title: (period: string): string => `Feedback themes: ${period}`,
      comparedWith: (previous: string): string => `Compared with ${previous}. Any count under 3 is shown as "fewer than 3", so no carer can be singled out.`,
      fewerThan3: 'fewer than 3',
      change: (delta: number): string => (delta === 0 ? 'no change' : delta > 0 ? `up ${delta}` : `down ${-delta}`),
      changeNotShown: 'change not shown',
      row: (theme: string, current: string, previous: string, change: string): string => `**${theme}**: ${current} (before: ${previous}; ${change})`,
      total: (kind: 'exact' | 'at-least', n: number): string =>
        kind === 'exact' ? `Total: ${n}` : `Total: at least ${n} (themes with fewer than 3 not added)`,
      forums: 'By forum',
      forumLine: (forum: string, total: string): string => `${forum}: ${total}`,
      /** A forum total some suppressed cells were left out of. */
      forumAtLeast: (n: number): string => (n === 0 ? 'fewer than 3 in each theme' : `at least ${n}`),
      unknownForum: 'Forum not given',
      top: (themes: string): string => `Top themes: ${themes}`,
      noneYet: 'No feedback in this period.',
      quotes: (theme: string): string => `In carers' words (${theme})`,
      responses: 'Responses recorded in this period',
      noResponses: 'No responses recorded in this period.',
      chartTitle: 'Feedback by theme',
      axisTitle: 'Number of carers',
      chartAlt: (lines: string): string => `Bar chart of feedback by theme, this period and the one before: ${lines}`,
      current: 'This period',
      previous: 'Period before',
      download: 'Download the counts (CSV)',
    },
    digest: {
      title: (period: string): string => `You said, we did: ${period}`,
      intro: "For the carers' forums: each theme carers raised, how many raised it, and what the service did.",
      theme: (theme: string, count: string): string => `${theme} (${count})`,
      noResponse: 'No response recorded yet.',
    },
    /** Titles of the card shown in place of a staff card whose action could not be done (its text says why). */
    status: {
      concernNotFound: 'Concern not found',
      requestNotFound: 'Request not found',
      responseNotFound: 'Response not found',
      enquiryNotFound: 'Enquiry not found',
      handoffNotFound: 'Conversation not found',
      notConfirmed: 'Not confirmed',
    },
  },

  /** The chat page around Web Chat (bot/channels/web/chat-page.ts). */
  webPage: {
    heading: (profile: ServiceProfile, publicPage: boolean): string =>
      publicPage ? `Thinking about fostering? Chat with ${profile.name}` : `${profile.name}: foster carers' assistant`,
    notMonitored: NOT_MONITORED,
    chatRegion: 'Chat',
    privacyNotice: 'Privacy notice',
    /** Each page remembers the browser (so an enquirer or a carer can come back); on a shared computer this forgets it. */
    startAfresh: 'Start a new chat (forget this browser)',
    councils: (profile: ServiceProfile): string => profile.councils.join(' and '),
    /** Shown by the page's script when no token could be had. */
    unavailable: 'Sorry, the chat is not available right now. If a child is in immediate danger call 999.',
    /** The carers' page footer, when sign-in with the council's Microsoft Entra tenant is configured. */
    signIn: 'Sign in with your council account',
    signedInAs: (name: string | undefined): string => (name === undefined ? 'Signed in' : `Signed in as ${name}`),
    signOut: 'Sign out',
    /** The page the sign-in callback shows when it refuses (nothing is remembered about the attempt). */
    signInProblem: {
      title: 'Sign-in did not work',
      /** The sign-in took too long, was used already, or was started in another browser. */
      expired: 'That sign-in has expired or was already used. Please try again.',
      /** The council's sign-in answered with something we could not accept (or the person cancelled). */
      refused: 'We could not confirm your council account, so you are not signed in. Please try again.',
      /** An account from another organisation. */
      otherOrganisation: "That account is not from the council's organisation, so you are not signed in.",
      /** The provider could not be reached. */
      unavailable: "The council's sign-in is not available right now. Please try again later.",
      tryAgain: 'Try again',
      backToChat: 'Back to the chat',
    },
  },

  /** What {{service.officeHours}} and {{rates...}} placeholders in articles become (bot/content/render.ts). */
  placeholders: {
    days: { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' },
    /** "Monday to Friday, 09:00 to 17:00 (not bank holidays)" */
    officeHours: (firstDay: string, lastDay: string | undefined, open: string, close: string): string =>
      `${lastDay === undefined ? firstDay : `${firstDay} to ${lastDay}`}, ${open} to ${close} (not bank holidays)`,
    rateUnknown: 'the current rate (please ask the payments team)',
    /** After a rate from an earlier year's table: "£186.00 per week (2026-27, the latest rates published here: …)". */
    staleRatesNote: ', the latest rates published here: please check with the payments team',
    staleFinancialYear: (financialYear: string): string => `${financialYear} (latest published here)`,
  },

  /** Talking to a person (issue 13): who picks it up and when, the relay both ways, and how it ends. */
  handoffs: {
    teamName: { fostering: 'the fostering team', recruitment: 'the recruitment team' },
    /** "Thursday 3 December at 09:00", in the service's time zone. */
    when: (at: DateTime): string => at.setZone('Europe/London').setLocale('en-GB').toFormat("cccc d LLLL 'at' HH:mm"),
    openNow: (team: string, minutes: number): string =>
      `I'll ask ${team} to chat with you here. The office is open, so someone should pick this up within ${minutes} minutes.`,
    closedNow: (team: string, from: string): string => `The office is closed now, so someone from ${team} will pick this up from ${from}.`,
    /** Out of office hours, for carers: who to call about anything that cannot wait until then. */
    urgentTonight: (edt: string): string => `If something is urgent before then, call the ${edt}. If a child is in immediate danger, call 999.`,
    askAbout: 'In a line, what would you like to talk about? It helps them pick it up ready. Or press "Skip".',
    skip: 'Skip',
    opened: (team: string, reference: string): string =>
      `I've asked ${team} (reference ${reference}). I'll tell you here when someone picks it up, and anything you type now goes to them. Type "end chat" to stop.`,
    notOpened: (profile: ServiceProfile, publicPage: boolean): string =>
      `Sorry, I couldn't pass this on just now. Please contact ${publicPage ? 'the recruitment team' : 'the fostering team'} directly: ${contactLine(profile, publicPage ? 'recruitment' : 'fosteringTeam')}.`,
    stillWaiting: "I've passed that on. Nobody has picked this up yet; they'll see it when they do.",
    /** `name` undefined: the member of staff's channel gave no name. */
    taken: (name: string | undefined, team: string): string =>
      `${name === undefined ? `Someone from ${team}` : `**${name}** from ${team}`} has picked this up. What you type now goes to them.`,
    /** Who a relayed line is from when the member of staff's channel gave no name. */
    unnamedStaff: { fostering: 'Fostering team', recruitment: 'Recruitment team' },
    fromStaff: (name: string, text: string): string => `**${name}:** ${text}`,
    endedByStaff: (name: string): string => `${name} has ended this chat. I'm here again if there's anything else.`,
    endedByCarer: "Chat ended, and I've told the team. I'm here again if there's anything else.",
    /** Nobody took it within the target: said honestly, once. */
    notTakenYet: (reference: string, team: string, phone: string): string =>
      `I'm sorry: nobody from ${team} has picked up your request yet (reference ${reference}). I've reminded them. If it can't wait, call ${phone}.`,
    alreadyOpen: (reference: string): string =>
      `You're already waiting to talk to someone (reference ${reference}). Anything you type goes to them; type "end chat" to stop.`,
    endWords: ['end chat', 'end the chat', 'stop chat', 'close chat', 'finish chat', 'end', 'bye', 'cancel'],
    /** Staff side. */
    notYours: (name: string): string => `${name} has this chat: only they can reply or close it.`,
    notFound: 'This conversation is no longer kept (it may have passed its retention period).',
    notDelivered: "Not delivered: the person's chat could not be reached just now. Try again, or contact them another way.",
    emptyReply: 'Type your reply in the box first.',
    needsOutcome: 'Choose how it ended before closing.',
    staffThreadHint: 'Reply on the card, or in this thread with @mention of the bot, and it reaches them.',
  },

  /** Honest interim replies for actions whose full flow is not built yet: what I can do now, and who can help. */
  interim: {
    'review-concerns': 'Reviewing concerns from the chat is coming soon. Nothing has been flagged through this chat yet.',
    report: 'Reports from the chat are coming soon.',
  },

  /** The last button when a list is longer than Teams shows on one card. */
  moreChoices: 'More choices',
  /** Free text typed at a button prompt (issue 10): the question again, and what is expected. */
  choiceRetry: (question: string): string => `Sorry, I didn't understand that. ${question} Please choose one of the buttons, or type "cancel" to stop.`,
} as const;

export const MAX_MESSAGE_LENGTH = 2000;
