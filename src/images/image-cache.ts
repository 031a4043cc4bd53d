import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

/**
 * Resized images on disk, one file per key, in 256 subfolders. Written to a temporary
 * file and renamed into place, so a reader (or another process) sees a whole file or
 * none. Size is capped by a sweep that deletes the least recently served files, by
 * modification time, which a read refreshes at most hourly (a write per hit would cost
 * more than the hit).
 */
export interface ImageCache {
  read(key: string): Promise<Buffer | null>;
  write(key: string, bytes: Uint8Array): Promise<void>;
  /** Deletes the oldest files until the cache is under its low-water mark. */
  sweep(): Promise<SweepResult>;
}

export interface SweepResult {
  files: number;
  bytes: number;
  removedFiles: number;
  removedBytes: number;
}

const KEY = /^[0-9a-f]{64}\.[a-z]+$/;
const TOUCH_AFTER_MS = 60 * 60 * 1000;
// A temporary file this old belongs to a write that died with its process.
const STALE_TEMP_MS = 10 * 60 * 1000;
const LOW_WATER = 0.9;

export function createImageCache(options: {
  dir: string;
  maxBytes: number;
  onSwept?: (result: SweepResult) => void;
  onError?: (error: unknown) => void;
  now?: () => number;
}): ImageCache {
  const { dir, maxBytes } = options;
  const now = options.now ?? Date.now;
  // Unknown until the first sweep counts the folder; kept up to date by writes after that.
  let knownBytes: number | null = null;
  let sweeping: Promise<SweepResult> | null = null;

  function fileFor(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a cache key: ${key.slice(0, 80)}`);
    return path.join(dir, key.slice(0, 2), key);
  }

  async function listFiles(): Promise<{ file: string; size: number; mtimeMs: number }[]> {
    const out: { file: string; size: number; mtimeMs: number }[] = [];
    let folders: string[];
    try {
      folders = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return out;
      throw error;
    }
    for (const folder of folders) {
      if (!/^[0-9a-f]{2}$/.test(folder)) continue;
      const names = await readdir(path.join(dir, folder)).catch(() => [] as string[]);
      for (const name of names) {
        const file = path.join(dir, folder, name);
        const info = await stat(file).catch(() => null);
        if (!info?.isFile()) continue;
        if (name.endsWith(".tmp")) {
          if (now() - info.mtimeMs > STALE_TEMP_MS) await rm(file, { force: true });
          continue;
        }
        out.push({ file, size: info.size, mtimeMs: info.mtimeMs });
      }
    }
    return out;
  }

  async function runSweep(): Promise<SweepResult> {
    const files = await listFiles();
    let bytes = files.reduce((sum, f) => sum + f.size, 0);
    const result: SweepResult = { files: files.length, bytes, removedFiles: 0, removedBytes: 0 };
    if (bytes > maxBytes) {
      files.sort((a, b) => a.mtimeMs - b.mtimeMs);
      for (const f of files) {
        if (bytes <= maxBytes * LOW_WATER) break;
        await rm(f.file, { force: true });
        bytes -= f.size;
        result.removedFiles++;
        result.removedBytes += f.size;
      }
      result.files -= result.removedFiles;
      result.bytes = bytes;
    }
    knownBytes = bytes;
    return result;
  }

  function sweep(): Promise<SweepResult> {
    sweeping ??= runSweep().finally(() => {
      sweeping = null;
    });
    return sweeping;
  }

  return {
    async read(key) {
      const file = fileFor(key);
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(file, "r");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
      try {
        const bytes = await handle.readFile();
        const { mtimeMs } = await handle.stat();
        if (now() - mtimeMs > TOUCH_AFTER_MS) {
          const at = new Date(now());
          await handle.utimes(at, at).catch(() => {});
        }
        return bytes;
      } finally {
        await handle.close();
      }
    },

    async write(key, bytes) {
      const file = fileFor(key);
      await mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
      try {
        const handle = await open(temp, "wx", 0o644);
        try {
          await handle.writeFile(bytes);
        } finally {
          await handle.close();
        }
        await rename(temp, file);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      if (knownBytes !== null) knownBytes += bytes.length;
      if (knownBytes === null || knownBytes > maxBytes) {
        // In the background: the reader waiting for this image should not wait for it.
        sweep().then(
          (result) => {
            if (result.removedFiles > 0) options.onSwept?.(result);
          },
          (error: unknown) => options.onError?.(error),
        );
      }
    },

    sweep,
  };
}
