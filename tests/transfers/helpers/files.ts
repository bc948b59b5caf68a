/** Test file helpers: random trees, SHA-256, walking. */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import path from 'node:path';

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Writes a file of `size` random bytes (in 1 MiB chunks). */
export async function writeRandomFile(file: string, size: number): Promise<void> {
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const handle = await fsp.open(file, 'w');
  try {
    for (let left = size; left > 0; left -= 1 << 20) await handle.write(randomBytes(Math.min(left, 1 << 20)));
  } finally {
    await handle.close();
  }
}

/** All files under `dir` as relative POSIX paths → sha256. */
export async function treeHashes(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (current: string) => {
    for (const entry of await fsp.readdir(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) out.set(path.relative(dir, full).split(path.sep).join('/'), await sha256File(full));
    }
  };
  await walk(dir);
  return out;
}

/** Every file path under `dir` (absolute). */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (current: string) => {
    for (const entry of await fsp.readdir(current, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else out.push(full);
    }
  };
  await walk(dir);
  return out;
}

/** A tree of small and medium files with nested folders and awkward (but legal) names. */
export async function makeTree(root: string): Promise<void> {
  await writeRandomFile(path.join(root, 'a.bin'), 300_000);
  await writeRandomFile(path.join(root, 'empty.txt'), 0);
  await writeRandomFile(path.join(root, 'with space.txt'), 1234);
  await writeRandomFile(path.join(root, 'sub', 'b.bin'), 70_000);
  await writeRandomFile(path.join(root, 'sub', 'deeper', 'ünïcødé.dat'), 5000);
  await writeRandomFile(path.join(root, 'sub', 'deeper', 'c.bin'), 2_500_000);
}
