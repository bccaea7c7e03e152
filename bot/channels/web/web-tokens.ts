import { randomBytes } from 'node:crypto';
import type { Config } from '../../config';
import { PUBLIC_USER_PREFIX, SIGNED_IN_USER_PREFIX } from '../../turn/turn-facts';
import type { EmbeddedDirectLine } from '../directline/embedded-direct-line';

export type WebPage = 'carers' | 'public';

export interface WebToken {
  readonly token: string;
  readonly userId: string;
  /** Direct Line endpoint for the page; undefined means this service's own embedded endpoint. */
  readonly domain: string | undefined;
  readonly expiresIn: number;
}

/** Who the token is for, as the server decided it. */
export interface WebUserChoice {
  /** Local mode's carers' page only: an id listed in a role variable, so roles can be tried. */
  readonly requestedUserId?: string;
  /** The public page: the id derived from the browser's visitor cookie (bot/channels/web/web-identity-cookie.ts). */
  readonly visitorUserId?: string;
  /** The carers' page: the id derived from the browser's carer cookie (bot/channels/web/web-identity-cookie.ts). */
  readonly carerUserId?: string;
  /**
   * The carers' page, signed in with the council's Entra tenant (bot/channels/web/sign-in-routes.ts): the user id is
   * `dl_aad_<object id>`, so the bot knows them as the person Teams knows. Wins over any other choice.
   */
  readonly signedInObjectId?: string;
  /** The signed-in person's display name (the ID token's `name`), given to Direct Line as the user's name. */
  readonly displayName?: string;
}

/** Issues the page a Direct Line token bound to a server-chosen user id; the secret never reaches the browser (AUTH-7). */
export interface WebTokenIssuer {
  issue(page: WebPage, choice: WebUserChoice): Promise<WebToken>;
}

/** Each page keeps its browser's id (the page's own cookie); a signed-in carer is their Entra identity; else a new random id. */
function userIdFor(page: WebPage, choice: WebUserChoice): string {
  if (page === 'carers' && choice.signedInObjectId !== undefined) return `${SIGNED_IN_USER_PREFIX}${choice.signedInObjectId}`;
  const remembered = page === 'public' ? choice.visitorUserId : choice.carerUserId;
  return remembered ?? newWebUserId(page);
}

/** Only a signed-in person's name is passed on: nobody else has one the server knows. */
function nameFor(page: WebPage, choice: WebUserChoice): string | undefined {
  return page === 'carers' && choice.signedInObjectId !== undefined ? choice.displayName : undefined;
}

/** A local role id: never one shaped like an issued web id (`dl_…`), which would claim a signed-in or another visitor's identity. */
const LOCAL_USER_ID = /^(?!dl_)[A-Za-z0-9_-]{1,64}$/;

/** `dl_` + at least 128 random bits; public-page users get a prefix the bot recognises as the enquirer persona. */
export function newWebUserId(page: WebPage): string {
  return `${page === 'public' ? PUBLIC_USER_PREFIX : 'dl_'}${randomBytes(16).toString('hex')}`;
}

/**
 * `mayChooseId`: local mode only, and only ids listed in a role variable (e.g. MANAGER_IDS=local-manager), so roles can
 * be tried; never someone's own `dl_` id, which would let one page read and act in another person's chat.
 */
export function createEmbeddedTokenIssuer(directLine: EmbeddedDirectLine, mayChooseId: (userId: string) => boolean): WebTokenIssuer {
  return {
    async issue(page, choice) {
      const { requestedUserId } = choice;
      const userId =
        page === 'carers' &&
        choice.signedInObjectId === undefined &&
        requestedUserId !== undefined &&
        LOCAL_USER_ID.test(requestedUserId) &&
        mayChooseId(requestedUserId)
          ? requestedUserId
          : userIdFor(page, choice);
      const { token, expiresIn } = await directLine.issueToken(userId, nameFor(page, choice));
      return { token, userId, domain: undefined, expiresIn };
    },
  };
}

type AzureDirectLine = Extract<Config['directLine'], { kind: 'azure' }>;

export function createAzureTokenIssuer(settings: AzureDirectLine, fetchImpl: typeof fetch = fetch): WebTokenIssuer {
  return {
    async issue(page, choice) {
      const userId = userIdFor(page, choice);
      const name = nameFor(page, choice);
      const response = await fetchImpl(`${settings.endpoint}/tokens/generate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${settings.secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: { id: userId, ...(name === undefined ? {} : { name }) }, trustedOrigins: settings.trustedOrigins }),
      });
      if (!response.ok) throw new Error(`Direct Line token request failed (${response.status})`);
      const body = (await response.json()) as { token?: unknown; expires_in?: unknown };
      if (typeof body.token !== 'string') throw new Error('Direct Line token response had no token');
      return { token: body.token, userId, domain: settings.endpoint, expiresIn: typeof body.expires_in === 'number' ? body.expires_in : 1800 };
    },
  };
}
