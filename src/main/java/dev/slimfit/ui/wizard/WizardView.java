package dev.slimfit.ui.wizard;

import dev.slimfit.ui.common.FeatureStyle;
import dev.slimfit.ui.eval.PreprocessingEditor;
import java.io.File;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/**
 * The wizard's content: the decision tree with the user's path, the current question (or the
 * outcome and its advice), the samples to measure on, and the candidates as a table and a
 * size-vs-quality scatter plot. Hosted by {@link WizardDialog} or embedded as a tab.
 */
public final class WizardView extends BorderPane {
    private final WizardViewModel vm;
    private final VBox questionBox = new VBox(8);

    /** A view over {@code vm}. */
    public WizardView(WizardViewModel vm) {
        this.vm = vm;
        setId("wizard-view");
        FeatureStyle.install(this);
        setPadding(new Insets(12));
        VBox header = new VBox(2, FeatureStyle.label("Quantization wizard", "panel-title"),
                FeatureStyle.label("Answer a few questions; Slimfit tries the schemes that fit and measures them "
                        + "on your samples.", "muted"));
        header.setPadding(new Insets(0, 0, 8, 0));
        setTop(header);
        DecisionTreeCanvas tree = new DecisionTreeCanvas(vm);
        questionBox.getStyleClass().add("card");
        questionBox.setPrefWidth(300);
        questionBox.setMinWidth(280);
        HBox upper = new HBox(10, questionBox, tree);
        HBox.setHgrow(tree, Priority.ALWAYS);
        upper.setMinHeight(280);
        CandidateTable table = new CandidateTable(vm);
        VBox left = new VBox(8, samplesRow(), table);
        VBox.setVgrow(table, Priority.ALWAYS);
        SplitPane lower = new SplitPane(left, new CandidateChart(vm));
        lower.setDividerPositions(0.62);
        VBox body = new VBox(10, upper, lower);
        VBox.setVgrow(upper, Priority.ALWAYS);
        VBox.setVgrow(lower, Priority.ALWAYS);
        setCenter(body);
        vm.currentProperty().addListener((o, a, b) -> showQuestion());
        showQuestion();
    }

    private void showQuestion() {
        questionBox.getChildren().clear();
        DecisionTree.Node n = vm.currentProperty().get();
        int step = vm.path().size();
        if (!n.isOutcome()) {
            questionBox.getChildren().add(FeatureStyle.label("Question " + step, "card-title"));
            Label title = FeatureStyle.label(n.title(), "card-value");
            title.setWrapText(true);
            Label detail = FeatureStyle.label(n.detail(), "muted");
            detail.setWrapText(true);
            questionBox.getChildren().addAll(title, detail);
            HBox answers = new HBox(8);
            for (DecisionTree.Answer a : n.answers()) {
                Button b = new Button(a.label());
                b.setId("answer-" + n.id() + "-" + a.id());
                b.setMinWidth(70);
                b.setOnAction(e -> vm.answer(n.id(), a.id()));
                answers.getChildren().add(b);
            }
            questionBox.getChildren().add(answers);
        } else {
            questionBox.getChildren().add(FeatureStyle.label("Recommendation", "card-title"));
            Label title = FeatureStyle.label(n.title(), "card-value");
            title.setId("wizard-outcome");
            title.setWrapText(true);
            Label advice = FeatureStyle.label(n.outcome().advice(), "muted");
            advice.setWrapText(true);
            questionBox.getChildren().addAll(title, FeatureStyle.label(n.detail(), "muted"), advice);
            if (!n.outcome().candidates().isEmpty()) {
                StringBuilder s = new StringBuilder("Will try: ");
                n.outcome().candidates().forEach(c -> s.append(c.id()).append(", "));
                Label will = FeatureStyle.label(s.substring(0, s.length() - 2), "note");
                will.setWrapText(true);
                questionBox.getChildren().add(will);
            }
        }
        Region gap = new Region();
        VBox.setVgrow(gap, Priority.ALWAYS);
        Label hint = FeatureStyle.label("Click a question in the tree to change an answer.", "card-detail");
        hint.setWrapText(true);
        questionBox.getChildren().addAll(gap, hint);
    }

    private VBox samplesRow() {
        TextField samples = new TextField();
        samples.setId("wizard-samples");
        samples.setPromptText("folder of sample inputs (images, .npy) or an IDX file");
        samples.textProperty().bindBidirectional(vm.samplesPathProperty());
        Button browse = new Button("Folder\u2026");
        browse.setMinWidth(Region.USE_PREF_SIZE);
        browse.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            File f = dc.showDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                vm.samplesPathProperty().set(f.getAbsolutePath());
            }
        });
        TextField labels = new TextField();
        labels.setPromptText("optional labels (CSV or IDX): adds top-1 accuracy");
        labels.textProperty().bindBidirectional(vm.labelsPathProperty());
        Spinner<Integer> limit = new Spinner<>(1, 100_000, vm.sampleLimitProperty().get());
        limit.setEditable(true);
        limit.setPrefWidth(90);
        limit.valueProperty().addListener((o, a, b) -> vm.sampleLimitProperty().set(b));
        vm.sampleLimitProperty().addListener((o, a, b) -> limit.getValueFactory().setValue(b.intValue()));
        Button run = new Button("Run candidates");
        run.setId("wizard-run");
        run.getStyleClass().add("primary");
        run.disableProperty().bind(vm.canRunProperty().not());
        run.setOnAction(e -> vm.runCandidates());
        Button cancel = new Button("Cancel");
        cancel.disableProperty().bind(vm.job().runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.addRow(0, FeatureStyle.label("Samples", "muted"), samples, browse, FeatureStyle.label("Use", "muted"), limit);
        g.addRow(1, FeatureStyle.label("Labels", "muted"), labels, new Label(), new Label(), new HBox(6, run, cancel));
        GridPane.setHgrow(samples, Priority.ALWAYS);
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(220);
        bar.progressProperty().bind(vm.job().progressProperty());
        Label msg = FeatureStyle.label("", "muted");
        msg.textProperty().bind(vm.job().messageProperty());
        HBox progress = new HBox(8, bar, msg);
        progress.setAlignment(Pos.CENTER_LEFT);
        progress.visibleProperty().bind(vm.job().runningProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label err = FeatureStyle.label("", "error-banner");
        err.setId("wizard-error");
        err.setWrapText(true);
        err.textProperty().bind(vm.errorProperty());
        err.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        err.managedProperty().bind(err.visibleProperty());
        TitledPane pre = new TitledPane("Preprocessing (from the model's metadata; edit if accuracy looks off)",
                new PreprocessingEditor(vm.preprocessing(), vm::resetPreprocessing));
        pre.setExpanded(false);
        pre.setId("wizard-preprocessing");
        return new VBox(6, g, pre, progress, err);
    }
}
