import { createAzureTokenIssuer } from '../../bot/channels/web/web-tokens';

const OID = 'c0ffee00-1234-4abc-8def-0123456789ab';

describe('the Azure Direct Line token issuer for a signed-in carer (bot/channels/web/web-tokens.ts)', () => {
  const sent: { user: { id: string; name?: string } }[] = [];
  const issuer = createAzureTokenIssuer(
    { kind: 'azure', secret: 'dl-secret', endpoint: 'https://directline.example.org/v3/directline', trustedOrigins: ['https://fostering.example.org'] },
    (async (_url: string, init?: { body?: string }) => {
      sent.push(JSON.parse(init?.body ?? '{}') as (typeof sent)[number]);
      return new Response(JSON.stringify({ token: 'dl-token', expires_in: 1800 }), { status: 200 });
    }) as unknown as typeof fetch,
  );
  beforeEach(() => {
    sent.length = 0;
  });

  it('asks Direct Line for the user dl_aad_<object id>, named as the ID token names them', async () => {
    const issued = await issuer.issue('carers', { signedInObjectId: OID, displayName: 'Alex Carer' });
    expect(issued.userId).toBe(`dl_aad_${OID}`);
    expect(sent).toEqual([expect.objectContaining({ user: { id: `dl_aad_${OID}`, name: 'Alex Carer' } })]);
  });

  it('gives no name for anyone else, and never the signed-in id on the public page', async () => {
    await issuer.issue('carers', {});
    const onPublic = await issuer.issue('public', { signedInObjectId: OID, displayName: 'Alex Carer', visitorUserId: 'dl_pub_0123' });
    expect(onPublic.userId).toBe('dl_pub_0123');
    expect(sent.map((body) => body.user)).toEqual([{ id: expect.stringMatching(/^dl_[0-9a-f]{32}$/) }, { id: 'dl_pub_0123' }]);
  });
});
