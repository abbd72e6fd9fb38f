//! The two stores a library can live in — a SQLite file (the default, one machine) or a
//! PostgreSQL database (a team) — behind one small interface: statements written once, in
//! SQLite's `?N` form (rewritten to `$N` for PostgreSQL), values as `Val`, rows read whole.
//! The schema is one list of migrations for both; the few words the dialects spell differently
//! are rewritten for PostgreSQL.

use std::time::Duration;

use crate::{LibraryError, Result};

/// A value bound to a statement or read from a row. Integers and text are all the library
/// stores (booleans are 0/1); a NULL says which of the two it stands for, as PostgreSQL asks.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    I(i64),
    T(String),
    NullI,
    NullT,
}

impl From<i64> for Val {
    fn from(v: i64) -> Self {
        Val::I(v)
    }
}
impl From<usize> for Val {
    fn from(v: usize) -> Self {
        Val::I(v as i64)
    }
}
impl From<bool> for Val {
    fn from(v: bool) -> Self {
        Val::I(v as i64)
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Self {
        Val::T(v.to_string())
    }
}
impl From<String> for Val {
    fn from(v: String) -> Self {
        Val::T(v)
    }
}
impl From<&String> for Val {
    fn from(v: &String) -> Self {
        Val::T(v.clone())
    }
}
impl From<Option<String>> for Val {
    fn from(v: Option<String>) -> Self {
        v.map_or(Val::NullT, Val::T)
    }
}
impl From<Option<&str>> for Val {
    fn from(v: Option<&str>) -> Self {
        v.map_or(Val::NullT, |s| Val::T(s.to_string()))
    }
}
impl From<&Option<String>> for Val {
    fn from(v: &Option<String>) -> Self {
        v.clone().map_or(Val::NullT, Val::T)
    }
}
impl From<Option<i64>> for Val {
    fn from(v: Option<i64>) -> Self {
        v.map_or(Val::NullI, Val::I)
    }
}

/// One row, read whole.
#[derive(Debug, Clone)]
pub(crate) struct Row(Vec<Val>);

impl Row {
    pub fn i(&self, n: usize) -> i64 {
        match &self.0[n] {
            Val::I(v) => *v,
            Val::T(t) => t.parse().unwrap_or(0),
            _ => 0,
        }
    }
    pub fn oi(&self, n: usize) -> Option<i64> {
        match &self.0[n] {
            Val::NullI | Val::NullT => None,
            _ => Some(self.i(n)),
        }
    }
    pub fn b(&self, n: usize) -> bool {
        self.i(n) != 0
    }
    pub fn t(&self, n: usize) -> String {
        self.ot(n).unwrap_or_default()
    }
    pub fn ot(&self, n: usize) -> Option<String> {
        match &self.0[n] {
            Val::T(t) => Some(t.clone()),
            Val::I(v) => Some(v.to_string()),
            _ => None,
        }
    }
}

pub(crate) enum Conn {
    Sqlite(rusqlite::Connection),
    Postgres(Box<postgres::Client>),
}

/// A statement's text for PostgreSQL: `?N` → `$N`.
fn pg_sql(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '?' && chars.peek().is_some_and(|d| d.is_ascii_digit()) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    out
}

/// The schema's words PostgreSQL spells differently.
pub(crate) fn pg_schema(sql: &str) -> String {
    sql.replace("INTEGER PRIMARY KEY", "BIGSERIAL PRIMARY KEY").replace("INTEGER", "BIGINT")
}

fn sqlite_params(args: &[Val]) -> Vec<rusqlite::types::Value> {
    args.iter()
        .map(|a| match a {
            Val::I(v) => rusqlite::types::Value::Integer(*v),
            Val::T(t) => rusqlite::types::Value::Text(t.clone()),
            Val::NullI | Val::NullT => rusqlite::types::Value::Null,
        })
        .collect()
}

fn sqlite_row(r: &rusqlite::Row, n: usize) -> rusqlite::Result<Row> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        out.push(match r.get_ref(i)? {
            rusqlite::types::ValueRef::Integer(v) => Val::I(v),
            rusqlite::types::ValueRef::Real(v) => Val::I(v as i64),
            rusqlite::types::ValueRef::Text(t) => Val::T(String::from_utf8_lossy(t).into_owned()),
            rusqlite::types::ValueRef::Blob(b) => Val::T(String::from_utf8_lossy(b).into_owned()),
            rusqlite::types::ValueRef::Null => Val::NullT,
        });
    }
    Ok(Row(out))
}

fn pg_params(args: &[Val]) -> Vec<Box<dyn postgres::types::ToSql + Sync>> {
    args.iter()
        .map(|a| -> Box<dyn postgres::types::ToSql + Sync> {
            match a {
                Val::I(v) => Box::new(*v),
                Val::T(t) => Box::new(t.clone()),
                Val::NullI => Box::new(None::<i64>),
                Val::NullT => Box::new(None::<String>),
            }
        })
        .collect()
}

fn pg_row(r: &postgres::Row) -> Row {
    use postgres::types::Type;
    let mut out = Vec::with_capacity(r.len());
    for (i, col) in r.columns().iter().enumerate() {
        let t = col.type_();
        let v = if *t == Type::INT8 {
            r.get::<_, Option<i64>>(i).map_or(Val::NullI, Val::I)
        } else if *t == Type::INT4 {
            r.get::<_, Option<i32>>(i).map_or(Val::NullI, |v| Val::I(v.into()))
        } else if *t == Type::BOOL {
            r.get::<_, Option<bool>>(i).map_or(Val::NullI, |v| Val::I(v.into()))
        } else {
            r.get::<_, Option<String>>(i).map_or(Val::NullT, Val::T)
        };
        out.push(v);
    }
    Row(out)
}

fn pg_err(e: postgres::Error) -> LibraryError {
    LibraryError::Server(e.to_string())
}

/// Whether a PostgreSQL failure is worth running the transaction again (another publisher got
/// there first: a serialization failure, a deadlock, a unique key taken meanwhile).
pub(crate) fn retryable(e: &LibraryError) -> bool {
    matches!(e, LibraryError::Retry(_))
}

fn pg_tx_err(e: postgres::Error) -> LibraryError {
    use postgres::error::SqlState;
    match e.code() {
        Some(c)
            if *c == SqlState::T_R_SERIALIZATION_FAILURE
                || *c == SqlState::T_R_DEADLOCK_DETECTED
                || *c == SqlState::UNIQUE_VIOLATION =>
        {
            LibraryError::Retry(e.to_string())
        }
        _ => pg_err(e),
    }
}

/// A transaction of either store.
pub(crate) enum Tx<'a> {
    Sqlite(rusqlite::Transaction<'a>),
    Postgres(postgres::Transaction<'a>),
}

impl Tx<'_> {
    pub fn exec(&mut self, sql: &str, args: &[Val]) -> Result<u64> {
        match self {
            Tx::Sqlite(t) => Ok(t.execute(sql, rusqlite::params_from_iter(sqlite_params(args)))? as u64),
            Tx::Postgres(t) => {
                let p = pg_params(args);
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = p.iter().map(|b| b.as_ref()).collect();
                t.execute(pg_sql(sql).as_str(), &refs).map_err(pg_tx_err)
            }
        }
    }

    pub fn query(&mut self, sql: &str, args: &[Val]) -> Result<Vec<Row>> {
        match self {
            Tx::Sqlite(t) => {
                let mut stmt = t.prepare_cached(sql)?;
                let n = stmt.column_count();
                let rows = stmt.query_map(rusqlite::params_from_iter(sqlite_params(args)), |r| sqlite_row(r, n))?;
                Ok(rows.collect::<rusqlite::Result<_>>()?)
            }
            Tx::Postgres(t) => {
                let p = pg_params(args);
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = p.iter().map(|b| b.as_ref()).collect();
                Ok(t.query(pg_sql(sql).as_str(), &refs).map_err(pg_tx_err)?.iter().map(pg_row).collect())
            }
        }
    }

    /// Many rows into one table, a few hundred a statement (one round trip each to a server).
    pub fn insert_many(&mut self, table_and_columns: &str, rows: &[Vec<Val>]) -> Result<()> {
        for chunk in rows.chunks(300) {
            let width = chunk.first().map_or(0, Vec::len);
            let mut sql = format!("INSERT INTO {table_and_columns} VALUES ");
            let mut args = Vec::with_capacity(chunk.len() * width);
            for (r, row) in chunk.iter().enumerate() {
                if r > 0 {
                    sql.push_str(", ");
                }
                let marks: Vec<String> = (1..=width).map(|i| format!("?{}", r * width + i)).collect();
                sql.push_str(&format!("({})", marks.join(", ")));
                args.extend(row.iter().cloned());
            }
            self.exec(&sql, &args)?;
        }
        Ok(())
    }

    /// Statements without parameters, one after the other (the schema's migrations).
    pub fn batch(&mut self, sql: &str) -> Result<()> {
        match self {
            Tx::Sqlite(t) => Ok(t.execute_batch(sql)?),
            Tx::Postgres(t) => t.batch_execute(&pg_schema(sql)).map_err(pg_tx_err),
        }
    }

    pub fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(t) => Ok(t.commit()?),
            Tx::Postgres(t) => t.commit().map_err(pg_tx_err),
        }
    }
}

impl Conn {
    pub fn open_postgres(url: &str) -> Result<Conn> {
        let mut config: postgres::Config = url.parse().map_err(|e: postgres::Error| {
            LibraryError::Invalid(format!("'{url}' is not a PostgreSQL connection URL: {e}"))
        })?;
        config.connect_timeout(Duration::from_secs(10));
        let client = config
            .connect(postgres::NoTls)
            .map_err(|e| LibraryError::Server(format!("cannot reach the library's server ({url}): {e}")))?;
        Ok(Conn::Postgres(Box::new(client)))
    }

    /// A write transaction: SQLite takes its write lock at once; PostgreSQL runs it at
    /// SERIALIZABLE, so two publishers see each other's work whole or not at all.
    pub fn write(&mut self) -> Result<Tx<'_>> {
        match self {
            Conn::Sqlite(c) => Ok(Tx::Sqlite(c.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)),
            Conn::Postgres(c) => Ok(Tx::Postgres(
                c.build_transaction()
                    .isolation_level(postgres::IsolationLevel::Serializable)
                    .start()
                    .map_err(pg_tx_err)?,
            )),
        }
    }

    /// A read: a transaction of its own (a consistent view), rolled back.
    pub fn read(&mut self) -> Result<Tx<'_>> {
        match self {
            Conn::Sqlite(c) => Ok(Tx::Sqlite(c.transaction_with_behavior(rusqlite::TransactionBehavior::Deferred)?)),
            Conn::Postgres(c) => Ok(Tx::Postgres(c.transaction().map_err(pg_err)?)),
        }
    }

    /// Run `f` in a write transaction, again (a few times) when another writer got in its way.
    pub fn with_write<T>(&mut self, mut f: impl FnMut(&mut Tx) -> Result<T>) -> Result<T> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result = (|| {
                let mut tx = self.write()?;
                let out = f(&mut tx)?;
                tx.commit()?;
                Ok(out)
            })();
            match result {
                Err(e) if retryable(&e) && attempt < 8 => {
                    std::thread::sleep(Duration::from_millis(20 * attempt));
                }
                Err(LibraryError::Retry(m)) => return Err(LibraryError::Server(m)),
                other => return other,
            }
        }
    }

    pub fn query(&mut self, sql: &str, args: &[Val]) -> Result<Vec<Row>> {
        let mut tx = self.read()?;
        tx.query(sql, args)
    }
}
