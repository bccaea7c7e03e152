import { z } from 'zod';

/** Longest message text taken into a turn; longer is refused rather than truncated, so nothing is half-understood. */
export const MAX_MESSAGE_TEXT = 20_000;

const id = z.string().min(1).max(512);
const account = z.looseObject({ id, name: z.string().max(512).optional(), aadObjectId: z.string().max(128).optional(), role: z.string().max(64).optional() });

/** An http(s) URL: the connector the bot replies to. Which hosts may receive proactive messages is checked elsewhere. */
const serviceUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  });

/**
 * The shape an inbound activity must have before the SDK sees it. The SDK trusts its input and fails with a
 * TypeError (a 500) on `"serviceUrl": 123`, `"type": null` or an array body; this answers those with 400 instead.
 * Unknown fields pass through: channels add their own.
 */
export const InboundActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: id.optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl,
  from: account,
  recipient: account.optional(),
  conversation: z.looseObject({ id, tenantId: z.string().max(128).optional(), conversationType: z.string().max(64).optional() }),
  text: z.string().max(MAX_MESSAGE_TEXT).optional(),
  name: z.string().max(256).optional(),
  locale: z.string().max(64).optional(),
  replyToId: z.string().max(512).optional(),
  deliveryMode: z.string().max(32).optional(),
  timestamp: z.string().max(64).optional(),
  localTimestamp: z.string().max(64).optional(),
  attachments: z
    .array(z.looseObject({ contentType: z.string().max(256) }))
    .max(50)
    .optional(),
  entities: z
    .array(z.looseObject({ type: z.string().max(256) }))
    .max(50)
    .optional(),
  channelData: z.looseObject({}).optional(),
  membersAdded: z.array(account).max(500).optional(),
  membersRemoved: z.array(account).max(500).optional(),
});

export type InboundActivity = z.infer<typeof InboundActivitySchema>;
