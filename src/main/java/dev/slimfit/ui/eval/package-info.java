/**
 * Evaluate: original vs optimized on the user's data — top-1/top-5, agreement, SQNR/cosine,
 * latency (total and per op type), per-layer errors (sortable, exportable to CSV, JSON and Model
 * Explorer JSON).
 *
 * <h2>Wiring (for the main window)</h2>
 * <pre>
 * EvaluateViewModel vm = new EvaluateViewModel(
 *         Model original,                // the opened float model
 *         Supplier&lt;Model&gt; optimized,     // current plan applied; called on a worker thread per run
 *         TaskExecutor tasks,            // the app's FxTaskExecutor (status bar shows the run too)
 *         Executor uiThread,             // Platform::runLater
 *         DialogService dialogs);        // save dialog for exports, errors
 * Node tab = new EvaluateView(vm);       // a BorderPane, host it in a Tab
 *
 * vm.layerErrorProperty()    // ReadOnlyMapProperty&lt;String layerId, Double&gt; chosen metric, for graph colouring
 * vm.latencyShareProperty()  // ReadOnlyMapProperty&lt;String layerId, Double 0..1&gt; share of optimized op time
 * vm.metricProperty()        // which LayerErrorExport.Metric the error map holds (RMSE/scale by default)
 * </pre>
 * Layer ids are {@link dev.slimfit.optimize.Layer#id()} of the original model. Runs never block the
 * FX thread; {@code vm.cancel()} stops one; errors appear in {@code vm.errorProperty()}.
 */
package dev.slimfit.ui.eval;
