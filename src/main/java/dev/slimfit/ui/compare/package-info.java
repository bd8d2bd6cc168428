/**
 * Compare: original and optimized model side by side — two aligned op tables matched by output
 * tensor name (inserted QUANTIZE/DEQUANTIZE shown as added), type and quantization differences
 * highlighted, and a summary of ops added/removed and constant bytes by dtype.
 *
 * <h2>Wiring (for the main window)</h2>
 * <pre>
 * CompareViewModel vm = new CompareViewModel(
 *         Model original, Supplier&lt;Model&gt; optimized,   // optimized is built on a worker thread
 *         TaskExecutor tasks, Executor uiThread);          // FxTaskExecutor, Platform::runLater
 * Node tab = new CompareView(vm);
 * vm.refresh();                        // on tab selection and after plan edits
 * vm.selectedKeyProperty()             // ObjectProperty&lt;String&gt;: output tensor name of the selected op
 *                                      // (= layer id for unique names); bind both ways to the graph selection
 * </pre>
 */
package dev.slimfit.ui.compare;
