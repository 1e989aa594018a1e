/**
 * One folder per view: each holds its View (built in code, the only place that touches {@code javafx.scene})
 * and its ViewModel (state and actions as JavaFX properties, tested without the toolkit). Features never use
 * each other's views (ArchitectureTest).
 */
package dev.zena.realtime.console.features;
