/** The App API of SPEC §6: the REST twins of the channels, the lists, task writes and their JSON views. */
package dev.zena.realtime.rest;
