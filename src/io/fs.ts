import { readFileSync, statSync } from 'node:fs';
import { MAX_SHOWN_PATH, cutForMessage } from '../model/long-values.js';

/** A file as read: its exact bytes (for the scenario hash) and its text. */
export interface SourceFile {
  readonly path: string;
  readonly bytes: Uint8Array;
  /** UTF-8 text without a leading byte-order mark. */
  readonly text: string;
}

export type UnreadableReason = 'missing' | 'directory' | 'not-text' | 'empty' | 'denied' | 'failed';

export type ReadResult =
  | { readonly ok: true; readonly file: SourceFile }
  | { readonly ok: false; readonly reason: UnreadableReason; readonly path: string };

/** The only door to the disk: swap it in tests that need files that cannot exist. */
export interface FileSystem {
  read(path: string): ReadResult;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Text or not: NUL bytes or invalid UTF-8 mean binary garbage. */
export function decodeText(path: string, bytes: Uint8Array): ReadResult {
  if (bytes.includes(0)) return { ok: false, reason: 'not-text', path };
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, reason: 'not-text', path };
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  if (text.trim() === '') return { ok: false, reason: 'empty', path };
  return { ok: true, file: { path, bytes, text } };
}

function errnoReason(e: unknown): UnreadableReason {
  const code = e instanceof Error && 'code' in e ? (e as NodeJS.ErrnoException).code : undefined;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
  if (code === 'EISDIR') return 'directory';
  if (code === 'EACCES' || code === 'EPERM') return 'denied';
  return 'failed';
}

export const nodeFileSystem: FileSystem = {
  read(path: string): ReadResult {
    try {
      if (statSync(path).isDirectory()) return { ok: false, reason: 'directory', path };
      return decodeText(path, readFileSync(path));
    } catch (e) {
      return { ok: false, reason: errnoReason(e), path };
    }
  },
};

/** The message for a file that could not be read (a path longer than any real one cut, model/long-values.ts). */
export function unreadableMessage(reason: UnreadableReason, file: string): string {
  const path = cutForMessage(file, MAX_SHOWN_PATH);
  switch (reason) {
    case 'missing':
      return `${path}: no such file`;
    case 'directory':
      return `${path}: is a directory, not a YAML or JSON file`;
    case 'not-text':
      return `${path}: not a text file (NUL bytes or invalid UTF-8)`;
    case 'empty':
      return `${path}: the file is empty`;
    case 'denied':
      return `${path}: permission denied`;
    case 'failed':
      return `${path}: cannot be read`;
  }
}
