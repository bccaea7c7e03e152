import { maskPersonalData } from '../../bot/domain/personal-data';

describe('maskPersonalData', () => {
  it.each([
    ['email me at jo.bloggs+foster@gmail.com please', 'email me at [email] please'],
    ['my email is JANE_DOE@council.gov.uk.', 'my email is [email].'],
    ['either kim@example.org or kim.work@fostering.example.co.uk', 'either [email] or [email]'],
  ])('masks e-mail addresses: %s', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  it.each([
    ['call me on 07700 900123', 'call me on [phone]'],
    ['ring 07700900123 after 3', 'ring [phone] after 3'],
    ['my number is +44 7700 900123', 'my number is [phone]'],
    ['landline is 01632 960123 if no answer', 'landline is [phone] if no answer'],
    ['+44 (0)1632 960123', '[phone]'],
    ['work number 020 7946 0000, ask for me', 'work number [phone], ask for me'],
    ['mobile 07700-900-123', 'mobile [phone]'],
  ])('masks UK phone numbers: %s', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  it.each([
    ['we live at PE1 1XX', 'we live at [postcode]'],
    ['postcode cb22 3ab', 'postcode [postcode]'],
    ['CB223AB', '[postcode]'],
    ['moved to SW1A 1AA last week', 'moved to [postcode] last week'],
    ['near PE27 5AB, St Ives', 'near [postcode], St Ives'],
  ])('masks UK postcodes, any case, with or without the space: %s', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  it.each([
    ['my name is Sarah Jones and I foster two boys', 'my name is [name] and I foster two boys'],
    ['hiya im Dave', 'hiya im [name]'],
    ["hi i'm Dave, carer in March", "hi i'm [name], carer in March"],
    ['my foster son is called Tyler', 'my foster son is called [name]'],
    ['we are fostering a boy named Kai', 'we are fostering a boy named [name]'],
    ["Hi, name's Kelly", "Hi, name's [name]"],
    ['i am Dave Smith', 'i am [name]'],
  ])('masks capitalised names after a name phrase: %s', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  it.each([
    ['Mrs Smith from school rang', 'Mrs [name] from school rang'],
    ['Mr. Patel rang me', 'Mr [name] rang me'],
    ['Dr Khan said he needs antibiotics', 'Dr [name] said he needs antibiotics'],
    ['spoke to Miss Hughes and Ms Obi', 'spoke to Miss [name] and Ms [name]'],
  ])('masks the name after a title: %s', (text, masked) => {
    expect(maskPersonalData(text)).toBe(masked);
  });

  it('masks several kinds at once', () => {
    expect(maskPersonalData('my name is Sarah, 07700 900123, sarah@example.org, PE1 1XX')).toBe(
      'my name is [name], [phone], [email], [postcode]',
    );
  });

  it.each([
    'How much is the mileage allowance for 2026-27?',
    'My allowance went up by £7.00 a week in April 2026',
    'I have 3 kids aged 4, 7 and 12',
    'the meeting is on 12/03/2026 at 10:30',
    "I'm tired and fed up with the transport",
    'when is the next support group in Huntingdon?',
    'She has contact on Tuesday and Thursday after school',
  ])('leaves ordinary text unchanged: %s', (text) => {
    expect(maskPersonalData(text)).toBe(text);
  });

  it('caps the output at 500 characters', () => {
    expect(maskPersonalData('a'.repeat(600))).toBe('a'.repeat(500));
    expect(maskPersonalData('b'.repeat(500))).toBe('b'.repeat(500));
    expect(maskPersonalData('short')).toBe('short');
  });

  it('masks before it cuts, so no part of a detail at the limit survives', () => {
    const masked = maskPersonalData(`${'x'.repeat(490)} jo.bloggs@example.org 07700 900123`);
    expect(masked.length).toBeLessThanOrEqual(500);
    expect(masked.startsWith(`${'x'.repeat(490)} [email]`)).toBe(true);
    expect(masked).not.toMatch(/\[[a-z]*$/); // no half-cut mask left at the end
    expect(masked).not.toMatch(/jo|bloggs|07700/);
  });
});
