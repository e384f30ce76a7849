import type { LoggerOptions } from 'pino';

/** How log lines are written: `auto` is readable on a terminal and JSON lines otherwise. */
export type LogFormat = 'auto' | 'json' | 'pretty';

/**
 * pino options for the process and the HTTP server alike. On a terminal the lines go through
 * pino-pretty (in pino's worker thread); under a supervisor or in a container they stay JSON, one
 * object a line, for the log collector.
 */
export function loggerOptions(config: { LOG_LEVEL: string; LOG_FORMAT: LogFormat }, stdoutIsTerminal = process.stdout.isTTY === true): LoggerOptions {
  const pretty = config.LOG_FORMAT === 'pretty' || (config.LOG_FORMAT === 'auto' && stdoutIsTerminal);
  if (!pretty) return { level: config.LOG_LEVEL };
  return {
    level: config.LOG_LEVEL,
    transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true } },
  };
}
