-- The store's own identity: a random id drawn once, when the store is created. Nodes of a cluster compare it
-- (through Redis) to refuse a node that points at another store (SPEC §11).
CREATE TABLE store_identity (id TEXT NOT NULL);
INSERT INTO store_identity (id) VALUES (md5(random()::text || clock_timestamp()::text));
