import type { ServiceProfile } from '../../content/service-profile';
import { messages } from '../../messages';
import type { WebPage } from './web-tokens';

/** The page's own script: fetches a token, opens Direct Line and renders Web Chat from the installed bundle. */
export const CHAT_SCRIPT = `(function () {
  'use strict';
  var root = document.getElementById('webchat');
  var nonce = document.currentScript && document.currentScript.nonce;
  var params = new URLSearchParams(window.location.search);
  var request = { page: root.getAttribute('data-page') };
  if (params.get('user')) request.user = params.get('user');
  if (params.get('fresh') === '1') {
    // "start a new chat": the server forgets this browser and sets a new cookie for the page; the address loses the flag
    request.fresh = true;
    window.history.replaceState(null, '', window.location.pathname);
  }
  function unavailable() {
    root.textContent = ${JSON.stringify(messages.webPage.unavailable)};
  }
  fetch('/api/directline/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
    credentials: 'same-origin',
    cache: 'no-store'
  }).then(function (response) {
    if (!response.ok) throw new Error('token ' + response.status);
    return response.json();
  }).then(function (issued) {
    var embedded = !issued.domain;
    var directLine = window.WebChat.createDirectLine({
      token: issued.token,
      domain: issued.domain || window.location.origin + '/v3/directline',
      webSocket: !embedded,
      pollingInterval: 1000
    });
    var store = window.WebChat.createStore({}, function (api) {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
            api.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: {} } });
          }
          return next(action);
        };
      };
    });
    window.WebChat.renderWebChat({
      directLine: directLine,
      store: store,
      userID: issued.userId,
      locale: 'en-GB',
      nonce: nonce,
      styleOptions: { hideUploadButton: true, bubbleMaxWidth: 640, primaryFont: 'Arial, sans-serif' }
    }, root);
    root.focus();
  }).catch(unavailable);
})();
`;

export function contentSecurityPolicy(nonce: string, directLineOrigin: string | undefined): string {
  const connect = directLineOrigin === undefined ? "'self'" : `'self' ${directLineOrigin} ${directLineOrigin.replace(/^https:/, 'wss:')}`;
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    `connect-src ${connect}`,
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "media-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** What the carers' page footer says about signing in: nothing when sign-in is not configured (or on the public page). */
export type PageSignIn = { readonly kind: 'off' } | { readonly kind: 'signed-out' } | { readonly kind: 'signed-in'; readonly name: string | undefined };

function signInFooter(signIn: PageSignIn): string {
  const text = messages.webPage;
  switch (signIn.kind) {
    case 'off':
      return '';
    case 'signed-out':
      return ` · <a href="/signin">${escapeHtml(text.signIn)}</a>`;
    case 'signed-in':
      return ` · <span id="signed-in">${escapeHtml(text.signedInAs(signIn.name))}</span> · <a href="/signout">${escapeHtml(text.signOut)}</a>`;
  }
}

export function renderChatPage(page: WebPage, nonce: string, profile: ServiceProfile, signIn: PageSignIn = { kind: 'off' }): string {
  const text = messages.webPage;
  const heading = text.heading(profile, page === 'public');
  const privacy = profile.links.privacyNotice?.url ?? '#';
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)}</title>
<style nonce="${nonce}">
  html, body { height: 100%; margin: 0; font-family: Arial, sans-serif; background: #f3f2f1; color: #0b0c0c; }
  body { display: flex; flex-direction: column; }
  header { background: #1d4f6e; color: #fff; padding: 12px 16px; }
  header h1 { font-size: 1.2rem; margin: 0; }
  .notice { background: #fff4d6; border-left: 6px solid #d4351c; padding: 8px 16px; margin: 0; }
  main { flex: 1; min-height: 0; max-width: 960px; width: 100%; margin: 0 auto; background: #fff; }
  #webchat { height: 100%; }
  footer { font-size: 0.85rem; padding: 6px 16px; text-align: center; }
  footer a { color: #1d70b8; }
</style>
</head>
<body>
<header><h1>${escapeHtml(heading)}</h1></header>
<p class="notice" role="note"><strong>${escapeHtml(text.notMonitored)}</strong></p>
<main><div id="webchat" role="region" aria-label="${escapeHtml(text.chatRegion)}" tabindex="-1" data-page="${page}"></div></main>
<footer><a href="${escapeHtml(privacy)}">${escapeHtml(text.privacyNotice)}</a> · <a href="${page === 'public' ? '/public' : '/'}?fresh=1">${escapeHtml(text.startAfresh)}</a>${page === 'public' ? '' : signInFooter(signIn)} · ${escapeHtml(text.councils(profile))}</footer>
<script nonce="${nonce}" src="/webchat/webchat.js"></script>
<script nonce="${nonce}" src="/chat.js"></script>
</body>
</html>
`;
}
