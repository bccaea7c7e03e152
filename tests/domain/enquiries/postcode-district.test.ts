import { postcodeDistrictOf } from '../../../bot/domain/enquiries/postcode-district';

describe('postcodeDistrictOf', () => {
  it.each([
    ['pe29', 'PE29'],
    ['PE29', 'PE29'],
    ['CB1', 'CB1'],
    ['cb22', 'CB22'],
    ['EC1A', 'EC1A'],
    ['W1A', 'W1A'],
    ['  pe19. ', 'PE19'],
    ["I'm in PE27, St Ives", 'PE27'],
    ['Huntingdon PE29', 'PE29'],
    ['near the A14, PE29', 'PE29'],
  ])('takes the district in %j → %s', (text, district) => {
    expect(postcodeDistrictOf(text)).toBe(district);
  });

  it.each([
    ['PE29 3TN', 'PE29'],
    ['pe293tn', 'PE29'],
    ['my postcode is CB1 2AB', 'CB1'],
    ['cb13tn', 'CB1'],
    ['EC1A 1BB', 'EC1A'],
    ['A1 1AA', 'A1'],
    ['M1 1AE', 'M1'],
  ])('reduces the full postcode %j to its district %s', (text, district) => {
    expect(postcodeDistrictOf(text)).toBe(district);
  });

  it.each([['near Ely'], ['Huntingdon'], ['I am 45'], ['A1 road'], ['near the A14'], ['just off the M11'], ['no'], [''], ['12345'], ['gov.uk']])(
    'finds no district in %j',
    (text) => {
      expect(postcodeDistrictOf(text)).toBeUndefined();
    },
  );

  it('takes a one-letter district (road-like: A1, M11) only as the whole answer or after "postcode" or "district"', () => {
    expect(postcodeDistrictOf('A1')).toBe('A1');
    expect(postcodeDistrictOf('m11')).toBe('M11');
    expect(postcodeDistrictOf('postcode A1')).toBe('A1');
    expect(postcodeDistrictOf('my post code is e1')).toBe('E1');
    expect(postcodeDistrictOf('district: M1')).toBe('M1');
    expect(postcodeDistrictOf('I live by the A1')).toBeUndefined();
    expect(postcodeDistrictOf('A1 road')).toBeUndefined();
  });

  it('follows the postcode letter rules (no Q, V or X first; no I, J or Z second)', () => {
    expect(postcodeDistrictOf('QE1')).toBeUndefined();
    expect(postcodeDistrictOf('VE1')).toBeUndefined();
    expect(postcodeDistrictOf('PI1')).toBeUndefined();
    expect(postcodeDistrictOf('PE1')).toBe('PE1');
  });
});
