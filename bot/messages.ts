import type { ServiceProfile } from './content/service-profile';

/** Every user-facing string that is not curated content. Wording changes show up in review via a snapshot test. */
export const messages = {
  welcome: (profile: ServiceProfile, publicPage: boolean): string =>
    [
      publicPage
        ? `Hello, I'm the ${profile.name} assistant. I can tell you about fostering, how to apply, information sessions and talking to a foster carer.`
        : `Hello, I'm the ${profile.name} assistant. I can help with allowances and payments, transport, training, mentoring and support, allegations, the carers' association, your child's everyday matters and leaving care.`,
      `How we use your information: [privacy notice](${profile.links.privacyNotice?.url ?? ''}).`,
      '**This chat is not monitored 24/7 — if a child is in immediate danger call 999.**',
    ].join('\n\n'),
  teamChannelWelcome: (profile: ServiceProfile): string =>
    `Thanks for adding the ${profile.name} assistant. Staff in this channel will see notifications the service has routed here.`,
  turnFailed: 'Sorry, something went wrong on our side and I could not finish that. Please try again in a minute.',
  tooLong: (limit: number): string =>
    `That message is longer than I can take (${limit} characters). Could you shorten it, or split it into two messages?`,
  unsupportedActivity: 'Sorry, I can only read text messages at the moment.',
} as const;

export const MAX_MESSAGE_LENGTH = 2000;
