interface StoredCookie {
  readonly value: string;
  readonly path: string;
  readonly attributes: string;
}

export interface BrowserResponse {
  readonly status: number;
  readonly location: string | undefined;
  readonly setCookies: string[];
  readonly body: string;
}

/**
 * What a browser does with cookies and redirects, for driving the sign-in over plain HTTP: cookies kept by name, each
 * sent only under its Path, dropped at Max-Age=0; redirects followed one hop at a time so each can be looked at.
 */
export class CookieBrowser {
  private readonly cookies = new Map<string, StoredCookie>();

  /** The Cookie header a request to `url` carries. */
  cookieHeaderFor(url: string): string | undefined {
    const path = new URL(url).pathname;
    const sent = [...this.cookies.entries()].filter(
      ([, cookie]) => path === cookie.path || path.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`),
    );
    return sent.length === 0 ? undefined : sent.map(([name, cookie]) => `${name}=${cookie.value}`).join('; ');
  }

  /** The attributes a cookie was set with (HttpOnly, SameSite…), as the server wrote them; undefined when not held. */
  attributesOf(name: string): string | undefined {
    return this.cookies.get(name)?.attributes;
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<BrowserResponse> {
    return this.request(url, { method: 'GET', headers });
  }

  async request(url: string, init: { method: string; headers?: Record<string, string>; body?: string }): Promise<BrowserResponse> {
    const cookie = this.cookieHeaderFor(url);
    const response = await fetch(url, { ...init, headers: { ...init.headers, ...(cookie === undefined ? {} : { Cookie: cookie }) }, redirect: 'manual' });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) this.keep(line);
    const location = response.headers.get('location') ?? undefined;
    return { status: response.status, location: location === undefined ? undefined : new URL(location, url).href, setCookies, body: await response.text() };
  }

  /** Follows redirects from `url` until a page answers; every hop's response, in order. */
  async navigate(url: string, maxHops = 5): Promise<BrowserResponse[]> {
    const hops: BrowserResponse[] = [];
    let next: string | undefined = url;
    while (next !== undefined && hops.length < maxHops) {
      const response = await this.get(next);
      hops.push(response);
      next = response.status >= 300 && response.status < 400 ? response.location : undefined;
    }
    return hops;
  }

  private keep(line: string): void {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const equals = pair.indexOf('=');
    const name = pair.slice(0, equals);
    const value = pair.slice(equals + 1);
    const path = attributes.find((a) => /^path=/i.test(a))?.slice(5) ?? '/';
    const maxAge = attributes.find((a) => /^max-age=/i.test(a))?.slice(8);
    if (maxAge === '0' || value === '') this.cookies.delete(name);
    else this.cookies.set(name, { value, path, attributes: attributes.join('; ') });
  }
}
