/** Where a progress line goes: a stream, and whether a person watches it on a terminal. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressLine {
  /** The current state of `phase`; on a terminal it replaces the line shown, elsewhere it is a line of its own. */
  say(phase: string, text: string): void;
  /** The phase's last word: always written, and kept on screen. */
  settle(phase: string, text: string): void;
}

/**
 * One progress line that rewrites itself when a person watches (a terminal), and plain
 * lines otherwise (a log file, a CI job), there at most one per phase every
 * `plainEveryMs` so that a long rollout does not fill the log.
 */
export function progressLine(stream: ProgressStream, prefix: string, options: { plainEveryMs?: number; now?: () => number } = {}): ProgressLine {
  const tty = stream.isTTY === true;
  const everyMs = options.plainEveryMs ?? 5_000;
  const now = options.now ?? (() => performance.now());
  let open = false;
  let lastText = '';
  let lastPhase = '';
  let lastAt = -Infinity;

  const write = (phase: string, text: string, keep: boolean): void => {
    const line = `${prefix}${phase}: ${text}`;
    if (tty) {
      stream.write(`\r\u001b[2K${line}${keep ? '\n' : ''}`);
      open = !keep;
    } else {
      stream.write(`${line}\n`);
    }
    lastText = text;
    lastPhase = phase;
    lastAt = now();
  };

  return {
    say(phase, text) {
      if (phase === lastPhase && text === lastText) return;
      if (!tty && phase === lastPhase && now() - lastAt < everyMs) return;
      write(phase, text, false);
    },
    settle(phase, text) {
      if (!tty && phase === lastPhase && text === lastText) return;
      if (tty && !open && phase === lastPhase && text === lastText) return;
      write(phase, text, true);
    },
  };
}
