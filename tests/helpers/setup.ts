import { Settings } from 'luxon';

Settings.throwOnInvalid = true;
// silence nothing: tests that need logs pass a capturing logger

/**
 * restify loads spdy, whose http-deceiver reads `process.binding('http_parser')` as it is loaded, and Node prints a
 * DEP0111 deprecation warning for each read: twice in every test file that starts a server. The bot never serves
 * spdy. Hand http-deceiver the very parser that binding returns (`_http_common` exports it) without the warning;
 * every other binding, and every other warning, goes through as before. tests/helpers/global-setup.ts says so once.
 */
const legacy = process as unknown as { binding(name: string): unknown };
const binding = legacy.binding.bind(process);
// eslint-disable-next-line @typescript-eslint/no-require-imports
legacy.binding = (name) => (name === 'http_parser' ? (require('_http_common') as unknown) : binding(name));
