import { describeTurn, PUBLIC_USER_PREFIX, SIGNED_IN_USER_PREFIX } from '../../bot/turn/turn-facts';
import { createRoleDirectory } from '../../bot/roles';

const OBJECT_ID = '3f1c2a9e-0d4b-4c8e-9a71-5b6e2d8f0c13';
const roles = createRoleDirectory({ manager: [OBJECT_ID], 'recruitment-officer': [], 'association-rep': [], 'content-editor': [], admin: [] });
const config = { unauthenticated: { rolesByChannelUserId: false, loopbackServiceUrls: false, plainHttpPage: false }, roles };

describe('who a turn is from (AUTH-9: server-side facts only)', () => {
  it('a web carer signed in with Entra is the person Teams knows by the same object id', () => {
    const teams = describeTurn(
      { channelId: 'msteams', from: { id: '29:abc', name: 'Sam', aadObjectId: OBJECT_ID }, conversation: { id: 'a:1' } as never },
      config,
    );
    const web = describeTurn(
      { channelId: 'webchat', from: { id: `${SIGNED_IN_USER_PREFIX}${OBJECT_ID}`, name: 'Sam' }, conversation: { id: 'dl1' } as never },
      config,
    );
    expect(web.userKey).toBe(teams.userKey);
    expect(web.address).toBe(teams.address);
    expect(web.signedIn).toBe(true);
    expect(teams.signedIn).toBe(true);
    // roles follow the object id: the sign-in vouched for it
    expect(web.roles.has('manager')).toBe(true);
  });

  it('an aadObjectId a web client claims for itself is ignored', () => {
    const forged = describeTurn(
      { channelId: 'webchat', from: { id: 'dl_0123456789abcdef0123456789abcdef', name: 'x', aadObjectId: OBJECT_ID }, conversation: { id: 'dl2' } as never },
      config,
    );
    expect(forged.signedIn).toBe(false);
    expect(forged.userKey).toBe('webchat:dl_0123456789abcdef0123456789abcdef');
    expect(forged.roles.size).toBe(0);
  });

  it('carers and visitors who did not sign in keep their web ids, and are not signed in', () => {
    const visitor = describeTurn({ channelId: 'webchat', from: { id: `${PUBLIC_USER_PREFIX}abc`, name: '' }, conversation: { id: 'dl3' } as never }, config);
    expect(visitor.signedIn).toBe(false);
    expect(visitor.publicPage).toBe(true);
    expect(describeTurn({ channelId: 'webchat', from: { id: SIGNED_IN_USER_PREFIX, name: '' }, conversation: { id: 'dl4' } as never }, config).signedIn).toBe(
      false,
    );
  });
});
