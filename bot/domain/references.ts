/**
 * The reference a person is given for a record ("RC-4F2A9B"): a prefix naming the kind, then the first six letters
 * and digits of the record's id. Ids come from the originating activity, so a redelivery gives the same reference.
 */
export function referenceFor(prefix: string, id: string): string {
  return `${prefix}-${id
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 6)
    .toUpperCase()}`;
}
