import { Settings } from 'luxon';

Settings.throwOnInvalid = true;
// silence nothing: tests that need logs pass a capturing logger
