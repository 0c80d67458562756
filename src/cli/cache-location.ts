// Where the result cache lives: GO_FOR_TS_CACHE_DIR when set, else the user's cache
// directory as each system defines it (the same places Go's os.UserCacheDir uses).
import * as os from 'node:os';
import * as path from 'node:path';

export const CACHE_DIR_ENV = 'GO_FOR_TS_CACHE_DIR';

/** undefined when no home or cache directory is known (the run then goes without a cache). */
export function cacheDirectory(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = safeHomedir(),
): string | undefined {
  const override = env[CACHE_DIR_ENV];
  if (override) return path.resolve(override);
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA;
    return local ? path.join(local, 'go-for-ts') : undefined;
  }
  if (platform === 'darwin') return home ? path.join(home, 'Library', 'Caches', 'go-for-ts') : undefined;
  // XDG: a relative XDG_CACHE_HOME is invalid and must be ignored.
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'go-for-ts');
  return home ? path.join(home, '.cache', 'go-for-ts') : undefined;
}

function safeHomedir(): string {
  try {
    return os.homedir();
  } catch {
    return '';
  }
}
