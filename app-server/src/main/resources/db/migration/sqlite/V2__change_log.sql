-- Zena Realtime store, version 2: the change log.
-- Every committed write to an entity table appends (kind, entity id) here, BY TRIGGER, so that a server notices
-- changes made by any process sharing the database file (e.g. `import` from another shell) by polling
-- change_log for rows after the last seq it saw. Updates that change nothing are not recorded.

CREATE TABLE change_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    kind      TEXT NOT NULL,
    entity_id TEXT NOT NULL
);

CREATE TRIGGER tenants_inserted AFTER INSERT ON tenants
BEGIN
    INSERT INTO change_log (kind, entity_id) VALUES ('tenant', NEW.id);
END;

CREATE TRIGGER tenants_updated AFTER UPDATE ON tenants
WHEN OLD.id IS NOT NEW.id OR OLD.name IS NOT NEW.name
BEGIN
    INSERT INTO change_log (kind, entity_id) VALUES ('tenant', NEW.id);
END;

CREATE TRIGGER tenants_deleted AFTER DELETE ON tenants
BEGIN
    INSERT INTO change_log (kind, entity_id) VALUES ('tenant', OLD.id);
END;

CREATE TRIGGER users_inserted AFTER INSERT ON users
BEGIN
    INSERT INTO change_log (kind, entity_id) VALUES ('user', NEW.id);
END;

CREATE TRIGGER users_updated AFTER UPDATE ON users
WHEN OLD.id IS NOT NEW.id OR OLD.tenant_id IS NOT NEW.tenant_id OR OLD.name IS NOT NEW.name OR OLD.email IS NOT NEW.email OR OLD.role IS NOT NEW.role OR OLD.is_active IS NOT NEW.is_active OR OLD.tokens_valid_after IS NOT NEW.tokens_valid_after
BEGIN
    INSERT INTO change_log (kind, entity_id) VALUES ('user', NEW.id);
END;

CREATE TRIGGER users_deleted AFTER DELETE ON users
BEGIN
    INSERT INTO change_log (kind, entity_id) VALUES ('user', OLD.id);
END;

CREATE TRIGGER projects_inserted AFTER INSERT ON projects
BEGIN
    INSERT INTO change_log (kind, entity_id) VALUES ('project', NEW.id);
END;

CREATE TRIGGER projects_updated AFTER UPDATE ON projects
WHEN OLD.id IS NOT NEW.id OR OLD.tenant_id IS NOT NEW.tenant_id OR OLD.name IS NOT NEW.name
BEGIN
    INSERT INTO change_log (kind, entity_id) VALUES ('project', NEW.id);
END;

CREATE TRIGGER projects_deleted AFTER DELETE ON projects
BEGIN
    INSERT INTO change_log (kind, entity_id) VALUES ('project', OLD.id);
END;

CREATE TRIGGER project_members_inserted AFTER INSERT ON project_members
BEGIN
    INSERT INTO change_log (kind, entity_id) VALUES ('project', NEW.project_id);
END;

CREATE TRIGGER project_members_updated AFTER UPDATE ON project_members
WHEN OLD.project_id IS NOT NEW.project_id OR OLD.user_id IS NOT NEW.user_id OR OLD.position IS NOT NEW.position
BEGIN
    INSERT INTO change_log (kind, entity_id) VALUES ('project', NEW.project_id);
END;

CREATE TRIGGER project_members_deleted AFTER DELETE ON project_members
BEGIN
    INSERT INTO change_log (kind, entity_id) VALUES ('project', OLD.project_id);
END;

CREATE TRIGGER tasks_inserted AFTER INSERT ON tasks
BEGIN
    INSERT INTO change_log (kind, entity_id) VALUES ('task', NEW.id);
END;

CREATE TRIGGER tasks_updated AFTER UPDATE ON tasks
WHEN OLD.id IS NOT NEW.id OR OLD.tenant_id IS NOT NEW.tenant_id OR OLD.project_id IS NOT NEW.project_id OR OLD.title IS NOT NEW.title OR OLD.status IS NOT NEW.status OR OLD.assignee_id IS NOT NEW.assignee_id
BEGIN
    INSERT INTO change_log (kind, entity_id) VALUES ('task', NEW.id);
END;

CREATE TRIGGER tasks_deleted AFTER DELETE ON tasks
BEGIN
    INSERT INTO change_log (kind, entity_id) VALUES ('task', OLD.id);
END;

CREATE TRIGGER role_permissions_inserted AFTER INSERT ON role_permissions
BEGIN
    INSERT INTO change_log (kind, entity_id) VALUES ('role', NEW.role);
END;

CREATE TRIGGER role_permissions_updated AFTER UPDATE ON role_permissions
WHEN OLD.role IS NOT NEW.role OR OLD.permission IS NOT NEW.permission
BEGIN
    INSERT INTO change_log (kind, entity_id) VALUES ('role', NEW.role);
END;

CREATE TRIGGER role_permissions_deleted AFTER DELETE ON role_permissions
BEGIN
    INSERT INTO change_log (kind, entity_id) VALUES ('role', OLD.role);
END;

CREATE TRIGGER revoked_tokens_inserted AFTER INSERT ON revoked_tokens
BEGIN
    INSERT INTO change_log (kind, entity_id) VALUES ('revoked', NEW.jti);
END;

CREATE TRIGGER revoked_tokens_updated AFTER UPDATE ON revoked_tokens
WHEN OLD.jti IS NOT NEW.jti OR OLD.exp IS NOT NEW.exp
BEGIN
    INSERT INTO change_log (kind, entity_id) VALUES ('revoked', NEW.jti);
END;

CREATE TRIGGER revoked_tokens_deleted AFTER DELETE ON revoked_tokens
BEGIN
    INSERT INTO change_log (kind, entity_id) VALUES ('revoked', OLD.jti);
END;
