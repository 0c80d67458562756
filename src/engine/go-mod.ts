// The `go` directive of a go.mod file: "go 1.21" or "go 1.22.3" -> "1.21" / "1.22".
export function parseGoDirective(goModText: string): string | undefined {
  const match = /^\s*go\s+(\d+)\.(\d+)/m.exec(goModText);
  return match ? `${match[1]}.${match[2]}` : undefined;
}

/** Compares "1.21" < "1.22"; an unknown version counts as the newest. */
export function goVersionBefore(version: string | undefined, major: number, minor: number): boolean {
  if (!version) return false;
  const [maj = 0, min = 0] = version.split('.').map(Number);
  return maj < major || (maj === major && min < minor);
}
