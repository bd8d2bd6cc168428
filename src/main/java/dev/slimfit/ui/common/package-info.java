/**
 * UI plumbing shared by the views. {@link dev.slimfit.ui.common.TaskExecutor} (app:
 * {@link dev.slimfit.ui.common.FxTaskExecutor}, tests: {@link dev.slimfit.ui.common.DirectTaskExecutor})
 * and {@link dev.slimfit.ui.common.DialogService} are identical copies of the main window's
 * (branch wip/ui) so the branches merge cleanly; {@link dev.slimfit.ui.common.BackgroundJob} adds a
 * per-panel progress/cancel state on top of the shared executor, used by the Evaluate, Wizard and
 * Compare features.
 */
package dev.slimfit.ui.common;
