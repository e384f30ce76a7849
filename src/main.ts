import pino from 'pino';
import { ConfigError, loadConfig } from './config.js';
import { startServer } from './server.js';
import { loggerOptions } from './logging.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`virkelyst: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

const logger = pino(loggerOptions(config));
// A signal during start-up (initdb, migrations) waits for the start to finish, then stops cleanly.
let signalled: NodeJS.Signals | null = null;
const early = (signal: NodeJS.Signals) => {
  signalled ??= signal;
};
process.on('SIGINT', early);
process.on('SIGTERM', early);
try {
  const running = await startServer(config, logger);
  process.removeListener('SIGINT', early);
  process.removeListener('SIGTERM', early);
  logger.info({ url: running.url, docs: `${running.url}/docs` }, 'Virkelyst is listening');

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS);
    force.unref();
    running.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ error: { type: (error as Error)?.name } }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  if (signalled) shutdown(signalled);
} catch (error) {
  // Start-up errors are about configuration and the machine, never about a person.
  logger.fatal({ error: { type: (error as Error)?.name, message: (error as Error)?.message } }, 'Virkelyst could not start');
  process.exit(1);
}
