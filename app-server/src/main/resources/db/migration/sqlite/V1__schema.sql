-- Zena Realtime store, version 1: the data model of SPEC §1.
-- Instants are epoch milliseconds (INTEGER) so that comparisons stay numeric.
-- Cascades: a tenant takes its users, projects and tasks with it; a user its memberships (its tasks lose
-- their assignee); a project its tasks and memberships.

CREATE TABLE tenants (
    id   TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL
);

CREATE TABLE users (
    id                 TEXT PRIMARY KEY NOT NULL,
    tenant_id          TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name               TEXT NOT NULL,
    email              TEXT NOT NULL,
    role               TEXT NOT NULL,
    is_active          INTEGER NOT NULL DEFAULT 1,
    tokens_valid_after INTEGER
);
CREATE INDEX users_by_tenant ON users (tenant_id);

CREATE TABLE projects (
    id        TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name      TEXT NOT NULL
);
CREATE INDEX projects_by_tenant ON projects (tenant_id);

CREATE TABLE project_members (
    project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_members_by_user ON project_members (user_id);

CREATE TABLE tasks (
    id          TEXT PRIMARY KEY NOT NULL,
    tenant_id   TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    status      TEXT NOT NULL,
    assignee_id TEXT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX tasks_by_tenant ON tasks (tenant_id);
CREATE INDEX tasks_by_project ON tasks (project_id);
CREATE INDEX tasks_by_assignee ON tasks (assignee_id);

CREATE TABLE role_permissions (
    role       TEXT NOT NULL,
    permission TEXT NOT NULL,
    PRIMARY KEY (role, permission)
);

CREATE TABLE revoked_tokens (
    jti TEXT PRIMARY KEY NOT NULL,
    exp INTEGER NOT NULL
);
CREATE INDEX revoked_tokens_by_exp ON revoked_tokens (exp);

-- The default matrix of SPEC §4.3 (a test pins it to PermissionMatrix.DEFAULT).
INSERT INTO role_permissions (role, permission) VALUES
    ('super_admin', 'dashboard.view'), ('super_admin', 'notifications.view'),
    ('super_admin', 'projects.view'), ('super_admin', 'tasks.view'),
    ('super_admin', 'tasks.create'), ('super_admin', 'tasks.update'),
    ('super_admin', 'projects.create'), ('super_admin', 'projects.update'),
    ('super_admin', 'analytics.view'), ('super_admin', 'tenants.view'),
    ('super_admin', 'admin.access'), ('super_admin', 'admin.global'),
    ('admin', 'dashboard.view'), ('admin', 'notifications.view'),
    ('admin', 'projects.view'), ('admin', 'tasks.view'),
    ('admin', 'tasks.create'), ('admin', 'tasks.update'),
    ('admin', 'projects.create'), ('admin', 'projects.update'),
    ('admin', 'analytics.view'), ('admin', 'tenants.view'),
    ('admin', 'admin.access'),
    ('project_manager', 'dashboard.view'), ('project_manager', 'notifications.view'),
    ('project_manager', 'projects.view'), ('project_manager', 'tasks.view'),
    ('project_manager', 'tasks.create'), ('project_manager', 'tasks.update'),
    ('project_manager', 'projects.create'), ('project_manager', 'projects.update'),
    ('project_manager', 'analytics.view'),
    ('member', 'dashboard.view'), ('member', 'notifications.view'),
    ('member', 'projects.view'), ('member', 'tasks.view'),
    ('member', 'tasks.create'), ('member', 'tasks.update'),
    ('member', 'analytics.view'),
    ('client', 'dashboard.view'), ('client', 'notifications.view'),
    ('client', 'projects.view'), ('client', 'tasks.view');
