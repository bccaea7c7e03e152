/**
 * Masks personal data in free text kept for content editors: e-mail addresses, phone numbers, UK postcodes and
 * capitalised names after "my name is", "I'm", "called" and similar. Over-masking is preferred to a leak.
 */
export function maskPersonalData(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]')
    .replace(/\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi, '[postcode]')
    .replace(/(\+?\d[\d\s().-]{8,}\d)/g, '[phone]')
    .replace(/\b(my name is|name'?s|i am|i['’]?m|called|named|this is)\s+([A-Za-z][a-z'’-]+)(\s+[A-Z][a-z'’-]+)?/gi, (whole, lead: string, first: string) =>
      // the trigger may be any case; only a capitalised word after it is taken for a name
      /^[A-Z]/.test(first) ? `${lead} [name]` : whole,
    )
    .replace(/\b(Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][a-z'’-]+/g, '$1 [name]')
    .slice(0, 500)
    .replace(/\[[a-z]*$/, '');
}
