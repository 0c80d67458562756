// The txtar archive format of golang.org/x/tools/txtar, used by go/analysis test data
// to bundle a go.mod with several files: a free-text comment, then files, each
// introduced by a marker line `-- name --`. A file's data runs to the next marker.

export interface TxtarFile {
  name: string;
  data: string;
  /** 0-based line of the archive where the file's first data line is. */
  firstLine: number;
}

export interface TxtarArchive {
  comment: string;
  files: TxtarFile[];
}

const MARKER = /^-- (.+?) --[ \t]*$/;

export function parseTxtar(text: string): TxtarArchive {
  const lines = text.split('\n');
  // A final newline ends the last line; it doesn't start another one.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const archive: TxtarArchive = { comment: '', files: [] };
  const comment: string[] = [];
  let current: { name: string; firstLine: number; lines: string[] } | undefined;
  const flush = () => {
    if (current) archive.files.push({ name: current.name, firstLine: current.firstLine, data: joinLines(current.lines) });
  };
  lines.forEach((line, index) => {
    const marker = MARKER.exec(line.replace(/\r$/, ''));
    if (marker) {
      flush();
      current = { name: marker[1]!.trim(), firstLine: index + 1, lines: [] };
    } else if (current) {
      current.lines.push(line);
    } else {
      comment.push(line);
    }
  });
  flush();
  archive.comment = joinLines(comment);
  return archive;
}

function joinLines(lines: string[]): string {
  return lines.length ? lines.join('\n') + '\n' : '';
}
