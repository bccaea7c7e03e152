import { DRAMA_NUMBER_RANGES, NOT_A_NAME, firstNameOf, parseContactRoute, type ContactProblem } from '../../../bot/domain/contact-details/contact-answers';

const phoneOnly = (phone: string) => ({ ok: true, phone });
const emailOnly = (email: string) => ({ ok: true, email });
const problem = (code: ContactProblem) => ({ ok: false, problem: code });

describe('parseContactRoute: a phone number', () => {
  it.each([
    ['07123 456789', '07123 456789'],
    ['07123456789', '07123 456789'],
    ['07123-456-789', '07123 456789'],
    ['07123 - 456789', '07123 456789'],
    ['(07123) 456 789', '07123 456789'],
    ['07123.456.789', '07123 456789'],
    ['my number is 07123 456789.', '07123 456789'],
    ['Mob: 07123 456789', '07123 456789'],
    ['tel:07123456789', '07123 456789'],
  ])('takes a valid mobile in national form: %j', (text, phone) => {
    expect(parseContactRoute(text)).toStrictEqual(phoneOnly(phone));
  });

  it.each([
    ['my number is +44 7123 456789', '07123 456789'],
    ['+447123456789', '07123 456789'],
    ['+44 (0)7123 456789', '07123 456789'],
    ['0044 7123 456789', '07123 456789'],
    ['0044 (0)7123 456789', '07123 456789'],
    ['44 7123 456789', '07123 456789'],
    ['+44 20 7946 0123', '020 7946 0123'],
  ])('takes the +44 and 0044 forms as the national number: %j', (text, phone) => {
    expect(parseContactRoute(text)).toStrictEqual(phoneOnly(phone));
  });

  it.each([
    ['01223 456789', '01223 456789'],
    ['(01480) 375678', '01480 375678'],
    ['020 7946 0123', '020 7946 0123'],
    ['02079460123', '020 7946 0123'],
    ['0113 496 0123', '0113 496 0123'],
    ['0345 045 5200', '0345 045 5200'],
    ['0800 123 4567', '0800 123 4567'],
    ['08001234567', '0800 123 4567'],
  ])('takes landlines, 03 and 0800 numbers, spaced as libphonenumber formats them: %j', (text, phone) => {
    expect(parseContactRoute(text)).toStrictEqual(phoneOnly(phone));
  });

  it('takes a UK number typed without its leading 0', () => {
    expect(parseContactRoute('7123 456789')).toStrictEqual(phoneOnly('07123 456789'));
  });

  it.each([
    ['07700 900123', '07700 900123'],
    ['07700900000', '07700 900000'],
    ['07700 900999', '07700 900999'],
    ['+44 7700 900123', '07700 900123'],
    ['01632 960123', '01632 960123'],
    ['01632960001', '01632 960001'],
    ['0161 496 0123', '0161 496 0123'],
    ['0191 498 0999', '0191 498 0999'],
    ['028 9649 6123', '028 9649 6123'],
    ['029 2018 0000', '029 2018 0000'],
  ])('takes Ofcom drama numbers, in the same shape: %j', (text, phone) => {
    expect(parseContactRoute(text)).toStrictEqual(phoneOnly(phone));
  });

  it('accepts every drama range from its first number to its last, written as the range is', () => {
    expect(DRAMA_NUMBER_RANGES).toHaveLength(17);
    for (const { first, last } of DRAMA_NUMBER_RANGES) {
      expect(parseContactRoute(first.replace(/ /g, ''))).toStrictEqual(phoneOnly(first));
      expect(parseContactRoute(last)).toStrictEqual(phoneOnly(last));
    }
  });

  it('does not stretch the drama ranges: just outside 07700 900000–900999 and 01632 960000–960999 is no number', () => {
    expect(parseContactRoute('07700 901000')).toStrictEqual(problem('phone-wrong-length'));
    expect(parseContactRoute('01632 961000')).toStrictEqual(problem('phone-wrong-length'));
  });
});

describe('parseContactRoute: an e-mail address', () => {
  it.each([
    ['jo@example.org', 'jo@example.org'],
    ['email me at jo.bloggs@example.org', 'jo.bloggs@example.org'],
    ['Jo.Bloggs@Example.ORG', 'Jo.Bloggs@example.org'],
    ['JO@GMAIL.COM', 'JO@gmail.com'],
    ['<jo+fostering@example.co.uk>', 'jo+fostering@example.co.uk'],
    ['mailto:jo@example.org', 'jo@example.org'],
    ['my email is jo@example.org.', 'jo@example.org'],
    ["o'neill@example.org", "o'neill@example.org"],
    ['jo @ example.org', 'jo@example.org'],
  ])('takes %j, lower-casing only the domain', (text, email) => {
    expect(parseContactRoute(text)).toStrictEqual(emailOnly(email));
  });
});

describe('parseContactRoute: both in one message', () => {
  const both = { ok: true, phone: '07123 456789', email: 'jo@example.org' };

  it.each([
    '07123 456789 or jo@example.org',
    'jo@example.org or 07123 456789',
    '07123 456789, jo@example.org',
    'jo@example.org/07123 456789',
    'jo@example.org 07123456789',
    'phone 07123 456789 and email jo@example.org',
    'email jo@example.org and my mobile is +44 7123 456789',
  ])('takes both from %j', (text) => {
    expect(parseContactRoute(text)).toStrictEqual(both);
  });

  it('keeps the first of two valid numbers, whether separated by a word or by a space only', () => {
    expect(parseContactRoute('07123 456789 or 01223 456789')).toStrictEqual(phoneOnly('07123 456789'));
    expect(parseContactRoute('07123 456789 01223 456789')).toStrictEqual(phoneOnly('07123 456789'));
  });
});

describe('parseContactRoute: problems to re-ask about', () => {
  it.each([
    ['jo.bloggs.gmail.com', 'email-without-at'],
    ['jobloggs.hotmail.co.uk', 'email-without-at'],
    ['jo at gmail dot com', 'email-without-at'],
    ['jo (at) example (dot) org', 'email-without-at'],
    ['jo at gmail.com', 'email-without-at'],
    ['jobloggs gmail', 'email-without-at'],
    ['my email is jobloggs', 'email-without-at'],
    ['jo@', 'email-incomplete'],
    ['jo@gmail', 'email-incomplete'],
    ['@gmail.com', 'email-incomplete'],
    ['jo@@gmail.com', 'email-incomplete'],
    ['07l23 456789', 'phone-has-letters'],
    ['0712345678O', 'phone-has-letters'],
    ['O7123 456789', 'phone-has-letters'],
    ['0712345678g', 'phone-has-letters'],
    ['+33 1 23 45 67 89', 'phone-not-uk'],
    ['0033 1 23 45 67 89', 'phone-not-uk'],
    ['+1 212 555 0100', 'phone-not-uk'],
    ['+353 87 123 4567', 'phone-not-uk'],
    ['0712345', 'phone-wrong-length'],
    ['071234567890', 'phone-wrong-length'],
    ['01223 4567', 'phone-wrong-length'],
    ['+44 7123 4567', 'phone-wrong-length'],
    ['04123 456789', 'phone-wrong-length'],
    ['no', 'nothing-found'],
    ['dunno', 'nothing-found'],
    ['', 'nothing-found'],
    ['email me please', 'nothing-found'],
    ['I am 45 and live at number 12', 'nothing-found'],
    ['call me after 6pm', 'nothing-found'],
  ])('%j → %s', (text, code) => {
    expect(parseContactRoute(text)).toStrictEqual(problem(code as ContactProblem));
  });

  it('reports a broken route given beside a valid one, in either order, rather than dropping it', () => {
    expect(parseContactRoute('07123 456789 or jo@gmail')).toStrictEqual(problem('email-incomplete'));
    expect(parseContactRoute('jo@gmail or 07123 456789')).toStrictEqual(problem('email-incomplete'));
    expect(parseContactRoute('jo@example.org or 0712345')).toStrictEqual(problem('phone-wrong-length'));
    expect(parseContactRoute('07l23 456789 and jo@example.org')).toStrictEqual(problem('phone-has-letters'));
    expect(parseContactRoute('07123 456789 or jo.bloggs.gmail.com')).toStrictEqual(problem('email-without-at'));
  });

  it('reports the first of two problems in the text', () => {
    expect(parseContactRoute('0712345 or jo@gmail')).toStrictEqual(problem('phone-wrong-length'));
    expect(parseContactRoute('jo@gmail or 0712345')).toStrictEqual(problem('email-incomplete'));
  });

  it('does not take everyday words for an address without an @ (an "at" with no domain, "email is best")', () => {
    expect(parseContactRoute('call me at home on 07123 456789')).toStrictEqual(phoneOnly('07123 456789'));
    expect(parseContactRoute('email is best: jo@example.org')).toStrictEqual(emailOnly('jo@example.org'));
    expect(parseContactRoute("I'm at work. Call 07123 456789")).toStrictEqual(phoneOnly('07123 456789'));
  });

  it('does not join a time to a number ("07123 456789 after 6pm")', () => {
    expect(parseContactRoute('07123 456789 after 6pm')).toStrictEqual(phoneOnly('07123 456789'));
  });

  it('treats an answer far longer than a contact detail as nothing found, without reading it', () => {
    expect(parseContactRoute(`jo@example.org ${'x'.repeat(600)}`)).toStrictEqual(problem('nothing-found'));
  });

  it('never throws, whatever it is given', () => {
    for (const text of ['@', '+', '00', '+44', '(((', '@@@', '.'.repeat(400), '0'.repeat(400), 'a@'.repeat(200), '\u0000', '😀'.repeat(100)]) {
      expect(() => parseContactRoute(text)).not.toThrow();
    }
  });
});

describe('firstNameOf', () => {
  it.each([
    ['Jo', 'Jo'],
    ['jo', 'Jo'],
    ["I'm Jo", 'Jo'],
    ['I’m jo', 'Jo'],
    ['i am Jo', 'Jo'],
    ['my name is Mary-Ann', 'Mary-Ann'],
    ["it's Siobhán", 'Siobhán'],
    ['Siobha\u0301n', 'Siobhán'],
    ["Aoife O'Neill", 'Aoife'],
    ['Dr. Priya', 'Priya'],
    ['Dr Priya Patel', 'Priya'],
    ['Mrs Sam', 'Sam'],
    ['Mx Alex', 'Alex'],
    ['Hi, I’m Kwame!', 'Kwame'],
    ['hello my name is zoë', 'Zoë'],
    ['Jo here', 'Jo'],
    ['Jo, thanks', 'Jo'],
    ['call me Bex', 'Bex'],
    ["I'm called Tom", 'Tom'],
    ['first name: Łukasz', 'Łukasz'],
    ['JO', 'JO'],
    ['Jo 😊', 'Jo'],
  ])('%j → %s', (text, name) => {
    expect(firstNameOf(text)).toBe(name);
  });

  it.each([
    ['no'],
    ['No.'],
    ['why do you need that'],
    ['skip'],
    ["I'd rather not say"],
    ['prefer not to say'],
    ['dunno'],
    ['jo@example.org'],
    ['Jo 2'],
    ['07123 456789'],
    ['Mr'],
    ['J'],
    [''],
    ['   '],
    ['???'],
    ['Bartholomew-Christopher Featherstonehaugh-Smythe'],
    ['Jo Ann Mary Beth Smith'],
    ['hi'],
  ])('finds no first name in %j', (text) => {
    expect(firstNameOf(text)).toBeUndefined();
  });

  it('keeps its refusal words in one list, in lower case', () => {
    expect(NOT_A_NAME.has('skip')).toBe(true);
    expect(NOT_A_NAME.has('no')).toBe(true);
    expect([...NOT_A_NAME].filter((word) => word !== word.toLowerCase())).toEqual([]);
  });

  it('leaves names that are also words alone (Will, May, Hope)', () => {
    expect(firstNameOf('Will')).toBe('Will');
    expect(firstNameOf('may')).toBe('May');
    expect(firstNameOf("I'm Hope")).toBe('Hope');
  });
});
