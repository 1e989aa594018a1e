/** Small reusable controls shared by the views (completion, form rows); JavaFX scene code, no server logic. */
package dev.zena.realtime.console.widgets;
