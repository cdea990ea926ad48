// The forwarder's own log lines: one JSON object per line on stdout, which Lambda sends to CloudWatch Logs.
// Secrets registered with `redactSecret` are replaced wherever they would appear.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

type LogSink = (line: string) => void;

export class Logger {
  private secrets: string[] = [];

  constructor(
    private level: LogLevel = 'info',
    private readonly sink: LogSink = (line) => process.stdout.write(line + '\n'),
  ) {}

  setLevel(level: LogLevel): void {
    this.level = level;
  }

  /** Never print this value: every line is scrubbed of it. */
  redactSecret(secret: string): void {
    if (secret.length >= 4 && !this.secrets.includes(secret)) this.secrets.push(secret);
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    this.write('debug', message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.write('info', message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.write('warn', message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.write('error', message, fields);
  }

  private write(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    if (LEVELS[level] < LEVELS[this.level]) return;
    let line = JSON.stringify({ level, message, ...fields });
    for (const secret of this.secrets) line = line.split(secret).join('***');
    this.sink(line);
  }
}

/** The process-wide logger. Tests that want to read log lines build their own `Logger`. */
export const log = new Logger();

export function parseLogLevel(value: string | undefined): LogLevel | undefined {
  const v = (value ?? 'info').trim().toLowerCase();
  if (v === 'warning') return 'warn';
  if (v === 'critical') return 'error';
  return v in LEVELS ? (v as LogLevel) : undefined;
}
