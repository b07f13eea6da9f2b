/** What one tool produced, before it is tied to the call it answers. */
export interface ToolOutput {
  /** Text returned to the model. */
  content: string;
  /** True when the call did nothing and `content` says why. */
  isError: boolean;
}

export function ok(content: string): ToolOutput {
  return { content, isError: false };
}

export function fail(content: string): ToolOutput {
  return { content, isError: true };
}

/** The message of an unknown thrown value, for error results. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
