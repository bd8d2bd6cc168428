package dev.slimfit.ui.wizard;

import java.util.Locale;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The wizard's measured candidates, the original first; selecting a row selects the plan to apply. */
final class CandidateTable extends TableView<CandidateResult> {

    CandidateTable(WizardViewModel vm) {
        setId("wizard-table");
        setItems(vm.results());
        setPlaceholder(new Label("Run the candidates to measure size and accuracy on your samples."));
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        long[] base = {0};
        vm.results().addListener((javafx.collections.ListChangeListener<CandidateResult>) c ->
                base[0] = vm.results().isEmpty() ? 0 : vm.results().get(0).rawBytes());
        col("Candidate", 230, c -> c.label() + (c.recommended() ? "  \u2605" : ""));
        col("Size", 80, c -> c.ok() ? kb(c.rawBytes()) : "");
        col("vs original", 90, c -> c.ok() && base[0] > 0
                ? String.format(Locale.ROOT, "%.0f%%", 100.0 * c.rawBytes() / base[0]) : "");
        col("Zipped", 80, c -> c.ok() ? kb(c.compressedBytes()) : "");
        col("Top-1", 80, c -> pct(c.top1()));
        col("Agreement", 90, c -> pct(c.agreement()));
        col("SQNR", 70, c -> Double.isInfinite(c.sqnrDb()) ? "\u221e" : Double.isNaN(c.sqnrDb()) ? "\u2014"
                : String.format(Locale.ROOT, "%.1f dB", c.sqnrDb()));
        col("Note", 220, c -> c.ok() ? (c.recommended() ? "recommended by the tree" : "") : "failed: " + c.error());
        setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(CandidateResult c, boolean empty) {
                super.updateItem(c, empty);
                getStyleClass().removeAll("removed", "added");
                if (!empty && c != null && !c.ok()) {
                    getStyleClass().add("removed");
                }
            }
        });
        getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
        vm.selectedProperty().addListener((o, a, b) -> {
            if (getSelectionModel().getSelectedItem() != b) {
                getSelectionModel().select(b);
            }
        });
    }

    private void col(String title, double width, Function<CandidateResult, String> f) {
        TableColumn<CandidateResult, String> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new ReadOnlyStringWrapper(f.apply(v.getValue())));
        c.setPrefWidth(width);
        getColumns().add(c);
    }

    static String kb(long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.2f MB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "\u2014" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
