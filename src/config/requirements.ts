const BULLET = /^\s*[-*]\s+(.+?)\s*$/;

/** The bullet lines (`- x`, `* x`) of a task description: its requirements when none are listed. */
export function bulletRequirements(description: string): string[] {
  return description.split(/\r?\n/).flatMap((line) => {
    const text = BULLET.exec(line)?.[1];
    return text === undefined ? [] : [text];
  });
}
