import path from 'node:path';
import { loadContent } from '../../../bot/content/load-content';
import { enquiryFilterOf, wantOf } from '../../../bot/domain/enquiries/enquiry-requests';
import { enquiry, reachedUpTo } from './enquiry-fixture';
import { messages } from '../../../bot/messages';
import type { RecruitmentContent } from '../../../bot/content/recruitment-content';

describe('which of the three offers the opening message names (bot/domain/enquiries/enquiry-requests.ts)', () => {
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
    expect(wantOf(text, messages.enquiries.offers)).toBe(want);
  });

  it('asks when the message names none of them', () => {
    expect(wantOf("I'm interested in fostering", messages.enquiries.offers)).toBeUndefined();
    expect(wantOf('register my interest', messages.enquiries.offers)).toBeUndefined();
  });
});

describe("the open enquiries an officer's words ask for", () => {
  let interests: RecruitmentContent['interests'];
  beforeAll(async () => {
    ({ interests } = (await loadContent(path.resolve('content'))).recruitment);
  });
  const at = '2026-12-01T10:00:00.000Z';
  const waiting = enquiry(at, { interest: 'respite' });
  const contacted = enquiry(at, { interest: 'parent-and-child', ...reachedUpTo('contacted', at), assignedTo: 'officer-1' });
  const booked = enquiry(at, { wants: 'information-session', sessionId: 'info-2027-01-13', assignedTo: 'officer-2' });
  const chat = enquiry(at, { wants: 'talk-to-a-carer', ...reachedUpTo('contacted', at), assignedTo: 'officer-1' });
  const all = [waiting, contacted, booked, chat];
  const shown = (text: string) => all.filter(enquiryFilterOf(text, interests)).map((e) => e.reference);

  it.each([
    ['enquiries interested in parent and child', [contacted]],
    ['list enquiries for respite', [waiting]],
    ['enquiries not called back yet', [waiting, booked]],
    ["who hasn't been contacted", [waiting, booked]],
    ["who's booked on the next info session", [booked]],
    ['which enquirers want to talk to a foster carer', [chat]],
    ['show new enquiries', [waiting]],
    ['show enquiries', all],
  ])('"%s"', (text, expected) => {
    expect(shown(text)).toEqual(expected.map((e) => e.reference));
  });
});
