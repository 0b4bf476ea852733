/** The path of better-sqlite3 built for the installed Electron (built once, then cached). */
export function electronSqliteBinding(): string
