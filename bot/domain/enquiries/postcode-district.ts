/**
 * The area a prospective foster carer types on the public web chat, kept as the postcode district, never the full
 * postcode. Pure and deterministic: the text is never logged, thrown or kept.
 */

// The well-known UK postcode pattern (BS 7666 letter rules): outward code A9, A99, AA9, AA99, A9A or AA9A (no Q, V, X
// first; no I, J, Z second; only certain third and fourth letters), inward code a digit and two letters (no C I K M O V).
const OUTWARD_CODE = '[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])';
const INWARD_CODE = '[0-9][ABD-HJLNP-UW-Z]{2}';
const POSTCODE = new RegExp(`\\b(${OUTWARD_CODE})(?:\\s*(${INWARD_CODE}))?\\b`, 'gi');

/** One letter and digits reads as a road (A1, A14, M11, B52) or anything else as often as a district (M1, E1, N1). */
const ROAD_LIKE_DISTRICT = /^[A-Z][0-9]{1,2}$/i;
const DISTRICT_CUE = /\b(?:post\s?code|district)(?:\s+(?:is|of))?\s*[:=-]?\s*$/i;
const SURROUNDING_PUNCTUATION = /^[\s"'‘“(]+|[\s"'’”).!?,]+$/g;

/**
 * The postcode district (outward code) in an answer to "what's your area or postcode district?", upper-cased: "pe29"
 * → "PE29"; a full postcode gives only its district ("PE29 3TN" → "PE29"). A one-letter district (A1, M11) counts
 * only as the whole answer, in a full postcode, or after "postcode" or "district": "near the A14" is a road.
 */
export function postcodeDistrictOf(text: string): string | undefined {
  const answer = text.replace(SURROUNDING_PUNCTUATION, '');
  for (const match of answer.matchAll(POSTCODE)) {
    const [whole, outward = '', inward] = match;
    const accepted =
      inward !== undefined || !ROAD_LIKE_DISTRICT.test(outward) || whole.length === answer.length || DISTRICT_CUE.test(answer.slice(0, match.index));
    if (accepted) return outward.toUpperCase();
  }
  return undefined;
}
