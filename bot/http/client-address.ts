import { isIP } from 'node:net';
import type * as restify from 'restify';

/**
 * The address a request came from, for rate limiting. Behind App Service the front end reports the client in a
 * header it sets itself (`X-Client-IP` by default, configurable: CLIENT_IP_HEADER); a value that is not an IP address
 * is ignored. Without a trusted header, or when it is absent, the socket's peer address is used: never "unknown".
 */
export function clientAddress(req: restify.Request, trustedHeader: string | undefined): string {
  if (trustedHeader !== undefined) {
    const reported = req.headers[trustedHeader.toLowerCase()];
    const value = Array.isArray(reported) ? reported.at(-1) : reported;
    // X-Forwarded-For style lists: the proxy appends the address it saw, so the last entry is the trusted one
    const last = value?.split(',').at(-1)?.trim();
    const address = last === undefined ? undefined : withoutPort(last);
    if (address !== undefined && isIP(address) !== 0) return address;
  }
  return req.socket.remoteAddress ?? 'socket-without-address';
}

function withoutPort(value: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1] !== undefined) return bracketed[1];
  // an IPv4 address with a port: App Service reports "203.0.113.7:54321"
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(value);
  return v4?.[1] ?? value;
}
