import * as fs from 'fs';

/**
 * How the incremental cache shares files with output folders: hard links, so restoring 4,000 reused stacks is 4,000
 * directory entries instead of 100 MB of copies. A link shares the file's content, so a tool that rewrites an output
 * file in place (cdktf's one-App synth truncates and writes `cdk.tf.json` and `manifest.json`) rewrites the cache's
 * copy too: every cached file is recorded with its {@link fileStamp}, and an entry whose stamps differ is not used.
 * The synth itself never writes into a shared file: it renames new files into place ({@link writeFileReplacing}).
 */

/** Size and modification time (ns) of a file: changes whenever the content is rewritten. */
export function fileStamp(file: string): string {
  const stat = fs.statSync(file, { bigint: true });
  return `${stat.size}:${stat.mtimeNs}`;
}

/** Errors on which a hard link cannot be made but a copy can (another file system, links refused or at their limit). */
const LINK_REFUSED = new Set(['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP', 'EOPNOTSUPP']);

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** True when `to` is already `from` (a link to the same file): an unchanged account's output after an earlier run. */
function sameFile(from: string, to: string): boolean {
  const target = fs.statSync(to, { throwIfNoEntry: false });
  if (!target) return false;
  const source = fs.statSync(from);
  return target.ino === source.ino && target.dev === source.dev;
}

function removeFile(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') throw error;
  }
}

/**
 * Puts the file `from` at `to` (its folder must exist), replacing what was there: a hard link, else a copy.
 * Nothing to do when `to` already is a link to `from`.
 */
export function placeFile(from: string, to: string): void {
  if (sameFile(from, to)) return;
  removeFile(to);
  try {
    fs.linkSync(from, to);
  } catch (error) {
    if (!LINK_REFUSED.has(codeOf(error) ?? '')) throw error;
    fs.copyFileSync(from, to);
  }
}

/** {@link placeFile} without blocking (the synth coordinator places reused files while the workers run). */
export async function placeFileAsync(from: string, to: string): Promise<void> {
  const [source, target] = await Promise.all([fs.promises.stat(from), fs.promises.stat(to).catch(() => undefined)]);
  if (target && target.ino === source.ino && target.dev === source.dev) return;
  if (target) await fs.promises.unlink(to);
  try {
    await fs.promises.link(from, to);
  } catch (error) {
    if (!LINK_REFUSED.has(codeOf(error) ?? '')) throw error;
    await fs.promises.copyFile(from, to);
  }
}

/** Writes a file through a temp file and a rename: never into a file a cache entry may share (see above). */
export function writeFileReplacing(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}
