import { wantOf } from '../../../dialogs/enquiries/enquiry-dialog';
import { messages } from '../../../bot/messages';

describe('which of the three offers the opening message names (dialogs/enquiries/enquiry-dialog.ts)', () => {
  it.each([
    [messages.enquiries.offers['call-back'], 'call-back'],
    [messages.enquiries.offers['information-session'], 'information-session'],
    [messages.enquiries.offers['talk-to-a-carer'], 'talk-to-a-carer'],
    ['BOOK AN INFORMATION SESSION', 'information-session'],
    ["I'd like to come to one of your info evenings", 'information-session'],
    ['is there a webinar I could join', 'information-session'],
    ['can I chat to someone who actually fosters?', 'talk-to-a-carer'],
    ['could someone ring me back tomorrow', 'call-back'],
    ['please get in touch', 'call-back'],
  ] as const)('"%s" → %s', (text, want) => {
    expect(wantOf(text)).toBe(want);
  });

  it('asks when the message names none of them', () => {
    expect(wantOf("I'm interested in fostering")).toBeUndefined();
    expect(wantOf('register my interest')).toBeUndefined();
  });
});
