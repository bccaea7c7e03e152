/** Once per jest run, in place of a DEP0111 warning from every test file (tests/helpers/setup.ts, which stops them). */
export default function globalSetup(): void {
  process.stderr.write(
    "jest: DEP0111 (restify -> spdy -> http-deceiver reads process.binding('http_parser')) is not printed per test file: " +
      'tests/helpers/setup.ts hands it the same parser without the warning; other warnings still show\n',
  );
}
