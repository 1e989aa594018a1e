-- Zena Realtime store on PostgreSQL, version 2: the change log (ADR 0003, 0014, 0017).
-- As in SQLite, every committed write to an entity table appends (kind, entity id) here BY TRIGGER, whichever
-- process or language made it, cascaded rows included; an update that changes nothing records nothing.
--
-- What SQLite gives by its single writer is made explicit here: seq order must be commit order, or a reader
-- that remembers only the last seq it saw can step over a transaction that took a lower number and committed
-- later. So before numbering a change, a transaction takes the transaction-scoped advisory lock 2053467745
-- ('zena' in ASCII; PostgresConnections.CHANGE_LOG_LOCK takes the same one at the start of every write the
-- server makes) and holds it until it commits or rolls back. PostgreSQL releases it only after the commit is
-- visible, so the next writer's numbers are higher and become visible later.
--
-- Each change also notifies channel zena_changes (delivered at commit, folded into one per transaction), which
-- wakes the servers listening on it; the notification is a hint, this table is the truth.

CREATE TABLE change_log (
    seq       BIGINT GENERATED ALWAYS AS IDENTITY (CACHE 1) PRIMARY KEY,
    kind      TEXT COLLATE "C" NOT NULL,
    entity_id TEXT COLLATE "C" NOT NULL
);

-- The highest seq pruning has removed (one row): lastChangeSeq never goes back, even when the log is emptied.
CREATE TABLE change_log_pruned (
    only_row BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
    seq      BIGINT NOT NULL
);
INSERT INTO change_log_pruned (seq) VALUES (0);

-- Called by the triggers below with the kind and the name of the column holding the entity id.
CREATE FUNCTION zena_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(2053467745);
    INSERT INTO change_log (kind, entity_id)
    VALUES (TG_ARGV[0],
            (CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END) ->> TG_ARGV[1]);
    PERFORM pg_notify('zena_changes', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER tenants_inserted_or_deleted AFTER INSERT OR DELETE ON tenants
    FOR EACH ROW EXECUTE FUNCTION zena_record_change('tenant', 'id');
CREATE TRIGGER tenants_updated AFTER UPDATE ON tenants
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION zena_record_change('tenant', 'id');

CREATE TRIGGER users_inserted_or_deleted AFTER INSERT OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION zena_record_change('user', 'id');
CREATE TRIGGER users_updated AFTER UPDATE ON users
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION zena_record_change('user', 'id');

CREATE TRIGGER projects_inserted_or_deleted AFTER INSERT OR DELETE ON projects
    FOR EACH ROW EXECUTE FUNCTION zena_record_change('project', 'id');
CREATE TRIGGER projects_updated AFTER UPDATE ON projects
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION zena_record_change('project', 'id');

CREATE TRIGGER project_members_inserted_or_deleted AFTER INSERT OR DELETE ON project_members
    FOR EACH ROW EXECUTE FUNCTION zena_record_change('project', 'project_id');
CREATE TRIGGER project_members_updated AFTER UPDATE ON project_members
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION zena_record_change('project', 'project_id');

CREATE TRIGGER tasks_inserted_or_deleted AFTER INSERT OR DELETE ON tasks
    FOR EACH ROW EXECUTE FUNCTION zena_record_change('task', 'id');
CREATE TRIGGER tasks_updated AFTER UPDATE ON tasks
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION zena_record_change('task', 'id');

CREATE TRIGGER role_permissions_inserted_or_deleted AFTER INSERT OR DELETE ON role_permissions
    FOR EACH ROW EXECUTE FUNCTION zena_record_change('role', 'role');
CREATE TRIGGER role_permissions_updated AFTER UPDATE ON role_permissions
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION zena_record_change('role', 'role');

CREATE TRIGGER revoked_tokens_inserted_or_deleted AFTER INSERT OR DELETE ON revoked_tokens
    FOR EACH ROW EXECUTE FUNCTION zena_record_change('revoked', 'jti');
CREATE TRIGGER revoked_tokens_updated AFTER UPDATE ON revoked_tokens
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION zena_record_change('revoked', 'jti');
