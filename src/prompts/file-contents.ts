import { lstat, open } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * `{{file_contents}}`: the listed text files, each cut at `max_file_size` bytes and all together at
 * a total cap, so one large file or a wide directory cannot fill the model's context. Binary files
 * (a NUL byte in the first 8 KiB, git's own test), symlinks and likely secret files are never read.
 */
export interface ContentLimits {
  /** Bytes read from one file. */
  maxFileSize: number;
  /** Characters of file text in all. */
  maxTotal: number;
}

/** Key and credential files: their names say what they hold, so their contents never go to a model. */
const SECRET =
  /(^|\/)(\.env(\.[\w.-]+)?|[^/]*\.(pem|key|p12|pfx)|id_(rsa|dsa|ecdsa|ed25519)[^/]*|\.npmrc|\.pypirc|\.netrc)$/;
const BINARY_PROBE = 8000;

interface FileText {
  path: string;
  text: string;
  /** Bytes not shown because the file is larger than `maxFileSize`. */
  cutBytes: number;
}

export async function readFileContents(
  root: string,
  paths: string[],
  limits: ContentLimits,
): Promise<string> {
  const sections: string[] = [];
  let total = 0;
  for (let i = 0; i < paths.length; i++) {
    const path = paths[i] ?? '';
    if (SECRET.test(path)) continue;
    const file = await readTextFile(root, path, limits.maxFileSize);
    if (!file) continue;
    if (total + file.text.length > limits.maxTotal && sections.length > 0) {
      sections.push(
        `(${paths.length - i} more listed files not shown: the file contents limit of ${limits.maxTotal} characters was reached)`,
      );
      break;
    }
    total += file.text.length;
    sections.push(formatFile(file));
  }
  return sections.join('\n\n');
}

async function readTextFile(root: string, path: string, maxBytes: number): Promise<FileText | undefined> {
  const abs = join(root, path);
  try {
    const info = await lstat(abs);
    if (!info.isFile()) return undefined;
    const handle = await open(abs, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(info.size, maxBytes));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      const bytes = buffer.subarray(0, bytesRead);
      if (bytes.subarray(0, BINARY_PROBE).includes(0)) return undefined;
      return { path, ...cutAtLine(bytes.toString('utf8'), info.size - bytesRead) };
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

/** A cut file ends at its last whole line, so the model never sees half a statement. */
function cutAtLine(text: string, cutBytes: number): { text: string; cutBytes: number } {
  if (cutBytes === 0) return { text, cutBytes };
  const lastNewline = text.lastIndexOf('\n');
  if (lastNewline <= 0) return { text, cutBytes };
  const kept = text.slice(0, lastNewline + 1);
  return { text: kept, cutBytes: cutBytes + Buffer.byteLength(text) - Buffer.byteLength(kept) };
}

function formatFile(file: FileText): string {
  const fenceLength = Math.max(3, ...[...file.text.matchAll(/`{3,}/g)].map((m) => m[0].length + 1));
  const fence = '`'.repeat(fenceLength);
  const note =
    file.cutBytes > 0
      ? `\n(first part only: ${file.cutBytes} more bytes not shown; use read_file for the rest)`
      : '';
  const body = file.text.endsWith('\n') ? file.text : `${file.text}\n`;
  return `### ${file.path}\n${fence}\n${body}${fence}${note}`;
}
