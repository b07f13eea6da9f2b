/** Model turns for the scripted provider, written as a test reads best. */

export interface Turn {
  tool?: string;
  input?: Record<string, unknown>;
  text?: string;
}

export function write(path: string, content: string): Turn {
  return { tool: 'write_file', input: { path, content } };
}

export function edit(path: string, oldText: string, newText: string): Turn {
  return { tool: 'edit_file', input: { path, old_text: oldText, new_text: newText } };
}

export function read(path: string): Turn {
  return { tool: 'read_file', input: { path } };
}

export function finish(summary = 'done'): Turn {
  return { tool: 'finish', input: { summary } };
}

/** An attempt in which the model changes nothing and says so. */
export function idle(text = 'I looked and changed nothing.'): Turn[] {
  return [{ text }];
}
