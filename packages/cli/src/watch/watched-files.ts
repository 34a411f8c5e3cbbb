import { watch, type FSWatcher } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * Watches files through their folders, not themselves: an editor that saves by writing a new file
 * and renaming it over the old one replaces the inode a file watch would be bound to, while the
 * folder's watch sees the rename. Events for other files in those folders (the build's own
 * output, editors' temp files) are ignored.
 */
export class WatchedFiles {
  private readonly folders = new Map<string, FSWatcher>();
  private files = new Set<string>();

  constructor(private readonly onChange: (file: string) => void) {}

  get size(): number {
    return this.files.size;
  }

  /** Watches exactly these files from now on; folders no longer needed are let go. */
  set(files: Iterable<string>): void {
    this.files = new Set([...files].map((file) => resolve(file)));
    const needed = new Set([...this.files].map((file) => dirname(file)));
    for (const [folder, watcher] of this.folders) {
      if (needed.has(folder)) continue;
      watcher.close();
      this.folders.delete(folder);
    }
    for (const folder of needed) {
      if (this.folders.has(folder)) continue;
      try {
        const watcher = watch(folder, (_event, name) => {
          const file = name === null ? null : resolve(folder, name.toString());
          if (file !== null && this.files.has(file)) this.onChange(file);
        });
        // A watched folder that is removed ends its watch; the next build that still names it tries again.
        watcher.on("error", () => this.folders.delete(folder));
        this.folders.set(folder, watcher);
      } catch {
        // The folder does not exist (yet): the build reports the missing file.
      }
    }
  }

  list(): string[] {
    return [...this.files];
  }

  close(): void {
    for (const watcher of this.folders.values()) watcher.close();
    this.folders.clear();
  }
}
