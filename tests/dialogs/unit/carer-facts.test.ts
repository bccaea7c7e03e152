import { messages } from '../../../bot/messages';
import { userAddress } from '../../../bot/proactive/address';
import { carerFacts, carerName } from '../../../dialogs/contact-details/carer-facts';

const WEB = userAddress('webchat:dl_0123456789abcdef');
const TEAMS = userAddress('msteams:aad-carer');
const TITLE = messages.cards.concern.facts.carer;
const copy = messages.cards.contact;

describe('who the carer is on a staff card', () => {
  it.each([
    ['a web carer who gave a first name', { audience: WEB, channel: 'webchat', contact: { firstName: 'Jo', phone: '07700 900123' } }, 'Jo'],
    ['a web carer who gave none', { audience: WEB, channel: 'webchat', contact: 'none-given' as const }, messages.cards.webCarerNotSignedIn],
    [
      'a web carer on a record from before the question (Direct Line name)',
      { audience: WEB, channel: 'webchat', displayName: 'webchat user' },
      messages.cards.webCarerNotSignedIn,
    ],
    ['a web carer who typed a name into Web Chat', { audience: WEB, channel: 'webchat', displayName: 'The Director' }, messages.cards.webCarerNotSignedIn],
    ['a Teams carer', { audience: TEAMS, channel: 'msteams', displayName: 'Pat Carer' }, 'Pat Carer'],
    ['a Teams carer with no name', { audience: TEAMS, channel: 'msteams' }, messages.cards.unnamedCarer],
    [
      'a carer signed in on the web, named only "webchat user"',
      { audience: TEAMS, channel: 'webchat', displayName: 'webchat user' },
      messages.cards.unnamedCarer,
    ],
  ])('%s', (_what, carer, shown) => {
    expect(carerName(carer)).toBe(shown);
  });

  it('shows what a web carer gave, Markdown escaped, and only that', () => {
    expect(carerFacts({ audience: WEB, channel: 'webchat', contact: { firstName: 'Jo', email: 'jo_b@example.org' } }, TITLE)).toEqual([
      { title: TITLE, value: 'Jo' },
      { title: copy.email, value: 'jo\\_b@example\\.org' },
    ]);
    expect(carerFacts({ audience: WEB, channel: 'webchat', contact: { firstName: 'Jo', phone: '07700 900123', email: 'jo@example.org' } }, TITLE)).toEqual([
      { title: TITLE, value: 'Jo' },
      { title: copy.phone, value: '07700 900123' },
      { title: copy.email, value: 'jo@example\\.org' },
    ]);
  });

  it('says when a web carer gave no details, so staff wait for them to get in touch', () => {
    expect(carerFacts({ audience: WEB, channel: 'webchat', contact: 'none-given' }, TITLE)).toEqual([
      { title: TITLE, value: messages.cards.webCarerNotSignedIn },
      { title: copy.details, value: copy.noneGiven },
    ]);
  });

  it('adds nothing for someone the council knows, who was not asked', () => {
    expect(carerFacts({ audience: TEAMS, channel: 'msteams', displayName: 'Pat Carer' }, TITLE)).toEqual([{ title: TITLE, value: 'Pat Carer' }]);
  });
});
