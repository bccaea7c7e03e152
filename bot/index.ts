import { Settings } from 'luxon';
import { announceStart, createApp } from './app';
import { loadConfig } from './config';
import { errorCodeOf } from './errors';
import { createLogger } from './logger';

Settings.throwOnInvalid = true;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    // the configuration error lists every problem; it names settings, never secret values
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
    return;
  }
  const logger = createLogger(undefined, config.logLevel, config.logFormat);
  const bootLogger = createLogger(undefined, 'info', config.logFormat);
  const app = await createApp(config, { logger });
  app.jobs.forEach((job) => job.start());
  app.server.listen(config.port, config.host, () => {
    const address = app.server.address();
    logger.info('listening', { host: config.host, port: address.port, storage: config.storage.kind, directLine: config.directLine.kind });
    announceStart(config, address.port, logger, bootLogger);
  });
  const stop = () => {
    void app.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`start-up failed: ${errorCodeOf(error)} ${error instanceof Error ? error.message : ''}\n`);
  process.exitCode = 1;
});
