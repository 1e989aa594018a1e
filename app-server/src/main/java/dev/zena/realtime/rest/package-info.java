/**
 * The App API of SPEC §6: the seven REST twins of the channels (each asks {@code AccessPolicy.decide} exactly what
 * {@code subscribe} asks), the tenant- and visibility-filtered lists with cursor paging, task creation and update
 * (allowed by {@code access.Actions}, published through the broker), their input checks and JSON views. Route groups
 * on Javalin, handed to {@code http.HttpServer}; never imports Jetty, {@code websocket} or {@code server}.
 */
package dev.zena.realtime.rest;
