package dev.zena.realtime.access;

/** How far an administrative right reaches: nowhere, the caller's own tenant, or every tenant. */
public enum Reach {
    NONE,
    OWN_TENANT,
    EVERY_TENANT
}
