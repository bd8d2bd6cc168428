/**
 * The quantization wizard: the decision tree of DESIGN.md §5 drawn with the user's path, then the
 * candidate schemes it suggests measured on the user's samples (size via SizeEstimator, top-1 with
 * labels, agreement/SQNR against the original) as a table and a size-vs-quality scatter plot.
 *
 * <h2>Wiring (for the main window)</h2>
 * <pre>
 * WizardViewModel vm = new WizardViewModel(
 *         Model original,                 // the opened float model
 *         CandidateOptimizer optimizer,   // new QuantizingOptimizer(threads): the export's Optimizer pipeline
 *         TaskExecutor tasks,             // the app's FxTaskExecutor
 *         Executor uiThread);             // Platform::runLater
 * Optional&lt;Plan&gt; plan = WizardDialog.show(Window owner, vm);   // modal; "Apply plan" returns the plan
 * plan.ifPresent(p -&gt; mainViewModel.replacePlan(p, "Wizard: " + p.defaults().scheme().id()));
 * </pre>
 * {@link dev.slimfit.ui.wizard.WizardView} is also a plain Node if a tab suits better; then read
 * {@code vm.chosenPlan()} when the user applies.
 */
package dev.slimfit.ui.wizard;
