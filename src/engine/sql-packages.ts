// Which packages give SQL handles (DB, Tx, Conn, Stmt) their Query/Prepare/Begin
// methods. Without types, a rule only trusts a `x.Query(...)` call when the package
// (any of its files: `db` is often declared in a sibling) imports one of these.
import { packageFactsOf } from './package-index';
import type { SourceFile } from './source-file';

export const SQL_PACKAGES: readonly string[] = [
  'database/sql',
  'github.com/jmoiron/sqlx',
  'github.com/jackc/pgx',
  'github.com/jackc/pgx/v4',
  'github.com/jackc/pgx/v5',
  'github.com/jackc/pgx/v4/pgxpool',
  'github.com/jackc/pgx/v5/pgxpool',
];

/** Whether the file or its package imports a SQL package. */
export function packageUsesSql(file: SourceFile): boolean {
  return file.cached('sql-packages:uses', () => {
    if (SQL_PACKAGES.some((path) => file.importsPath(path))) return true;
    const facts = packageFactsOf(file);
    return SQL_PACKAGES.some((path) => facts.importsPath(path));
  });
}
