"""The audit log as a hash chain, append-only in the database, with the database login

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""
import hashlib
import json
from collections.abc import Sequence
from datetime import UTC

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS = "0" * 64
_HASH_COLUMNS = ("changes_hash", "prev_hash", "entry_hash")
_MESSAGE = "revisjonsloggen kan bare utvides: oppføringer kan ikke endres eller slettes"
_SAME_ROW = " AND ".join(
    f"NEW.{c} IS {{op}} OLD.{c}" for c in (
        "id", "at", '"user"', "db_user", "action", "table_name", "row_id", *_HASH_COLUMNS))

# A frozen copy of nettverk.persistence.audit_chain's hashing: a migration must not change
# meaning when the application code does.


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, separators=(",", ":"))
                          .encode("utf-8")).hexdigest()


def _changes_digest(changes: object) -> str:
    canonical = json.dumps(changes, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _chain_existing_rows() -> tuple[int | None, str]:
    conn = op.get_bind()
    audit = sa.table("audit_log", sa.column("id", sa.Integer), sa.column("at", sa.DateTime),
                     sa.column("user", sa.String), sa.column("action", sa.String),
                     sa.column("table_name", sa.String), sa.column("row_id", sa.String),
                     sa.column("changes", sa.JSON), *(sa.column(c, sa.String)
                                                      for c in _HASH_COLUMNS))
    prev, last_id = GENESIS, None
    for row in conn.execute(sa.select(audit).order_by(audit.c.id)).mappings().all():
        at = row["at"]
        at = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
        changes_hash = _changes_digest(row["changes"])
        entry_hash = _digest([prev, at.strftime("%Y-%m-%dT%H:%M:%S.%f"), row["user"], None,
                              row["action"], row["table_name"], row["row_id"], changes_hash])
        conn.execute(audit.update().where(audit.c.id == row["id"]).values(
            changes_hash=changes_hash, prev_hash=prev, entry_hash=entry_hash))
        prev, last_id = entry_hash, row["id"]
    return last_id, prev


def upgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("db_user", sa.String(length=200), nullable=True))
        for column in _HASH_COLUMNS:
            batch_op.add_column(sa.Column(column, sa.String(length=64), nullable=True))
    head = op.create_table(
        "audit_chain",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=True),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.Column("unlocked", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain")),
    )
    last_id, last_hash = _chain_existing_rows()
    op.bulk_insert(head, [{"id": 1, "last_id": last_id, "last_hash": last_hash,
                           "unlocked": False}])
    if op.get_bind().dialect.name == "postgresql":
        _postgres_up()
    else:
        _sqlite_up()


def _sqlite_up() -> None:
    unlocked = "(SELECT unlocked FROM audit_chain WHERE id = 1) IS 1"
    op.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        f"WHEN NOT ({unlocked} AND {_SAME_ROW.format(op='')}) "
        f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END")
    op.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        f"WHEN NOT {unlocked} BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END")
    # The head follows every appended entry (one statement less for each commit).
    op.execute(
        "CREATE TRIGGER audit_chain_follows_log AFTER INSERT ON audit_log "
        "BEGIN UPDATE audit_chain SET last_id = NEW.id, last_hash = NEW.entry_hash "
        "WHERE id = 1; END")
    op.execute(
        "CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain "
        f"WHEN OLD.unlocked IS NOT 1 BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END")


def _postgres_up() -> None:
    op.execute(f"""
CREATE FUNCTION nettverk_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce((SELECT unlocked FROM audit_chain WHERE id = 1), false) THEN
    IF TG_OP IN ('DELETE', 'TRUNCATE') THEN RETURN OLD; END IF;
    IF {_SAME_ROW.format(op='NOT DISTINCT FROM')} THEN RETURN NEW; END IF;
  END IF;
  RAISE EXCEPTION '{_MESSAGE}' USING ERRCODE = 'insufficient_privilege';
END $$""")
    op.execute("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
               "FOR EACH ROW EXECUTE FUNCTION nettverk_audit_guard()")
    op.execute("CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
               "FOR EACH STATEMENT EXECUTE FUNCTION nettverk_audit_guard()")
    # The only ways for application logins to write the log: append (the database records the
    # login and checks the link to the head) and redact (GDPR erasure, changes only).
    op.execute("""
CREATE FUNCTION nettverk_audit_append(
  p_at timestamptz, p_user varchar, p_action varchar, p_table varchar, p_row varchar,
  p_changes json, p_changes_hash varchar, p_prev_hash varchar, p_entry_hash varchar)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE new_id integer;
BEGIN
  PERFORM pg_advisory_xact_lock(7341013);
  INSERT INTO audit_log (at, "user", db_user, action, table_name, row_id, changes,
                         changes_hash, prev_hash, entry_hash)
  VALUES (p_at, p_user, session_user, p_action, p_table, p_row, p_changes,
          p_changes_hash, p_prev_hash, p_entry_hash)
  RETURNING id INTO new_id;
  UPDATE audit_chain SET last_id = new_id, last_hash = p_entry_hash
   WHERE id = 1 AND last_hash = p_prev_hash;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'revisjonsloggen: oppføringen lenker ikke til kjedens siste'
      USING ERRCODE = 'serialization_failure';
  END IF;
END $$""")
    op.execute("""
CREATE FUNCTION nettverk_audit_redact(p_id integer, p_changes json)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE audit_chain SET unlocked = true WHERE id = 1;
  UPDATE audit_log SET changes = p_changes WHERE id = p_id;
  UPDATE audit_chain SET unlocked = false WHERE id = 1;
END $$""")
    op.execute("REVOKE ALL ON FUNCTION nettverk_audit_append(timestamptz, varchar, varchar, "
               "varchar, varchar, json, varchar, varchar, varchar) FROM PUBLIC")
    op.execute("REVOKE ALL ON FUNCTION nettverk_audit_redact(integer, json) FROM PUBLIC")
    # Group roles made by an earlier `db grant` keep working without running it again.
    op.execute("""
DO $$
DECLARE grp text;
BEGIN
  FOREACH grp IN ARRAY ARRAY[current_database() || '_leader', current_database() || '_partner']
  LOOP
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = grp) THEN
      EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log, audit_chain FROM %I',
                     grp);
      EXECUTE format('GRANT SELECT ON audit_chain TO %I', grp);
      EXECUTE format('GRANT EXECUTE ON FUNCTION nettverk_audit_append(timestamptz, varchar, '
                     'varchar, varchar, varchar, json, varchar, varchar, varchar), '
                     'nettverk_audit_redact(integer, json) TO %I', grp);
    END IF;
  END LOOP;
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = current_database() || '_reader') THEN
    EXECUTE format('GRANT SELECT ON audit_chain TO %I', current_database() || '_reader');
  END IF;
END $$""")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS nettverk_audit_guard()")
        op.execute("DROP FUNCTION IF EXISTS nettverk_audit_append(timestamptz, varchar, varchar, "
                   "varchar, varchar, json, varchar, varchar, varchar)")
        op.execute("DROP FUNCTION IF EXISTS nettverk_audit_redact(integer, json)")
    else:
        for trigger in ("audit_log_no_update", "audit_log_no_delete", "audit_chain_follows_log",
                        "audit_chain_no_delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.drop_table("audit_chain")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        for column in reversed(_HASH_COLUMNS):
            batch_op.drop_column(column)
        batch_op.drop_column("db_user")
