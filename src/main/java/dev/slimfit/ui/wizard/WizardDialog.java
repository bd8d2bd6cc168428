package dev.slimfit.ui.wizard;

import dev.slimfit.optimize.Plan;
import java.util.Optional;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Modality;
import javafx.stage.Window;

/** Shows the wizard modally; "Apply plan" returns the selected candidate's plan. */
public final class WizardDialog {
    /** The apply button's type, exposed for tests. */
    public static final ButtonType APPLY = new ButtonType("Apply plan", ButtonBar.ButtonData.OK_DONE);

    private WizardDialog() {
    }

    /** Builds the dialog (not shown); its result is the chosen plan, or null when cancelled. */
    public static Dialog<Plan> create(Window owner, WizardViewModel vm) {
        Dialog<Plan> d = new Dialog<>();
        d.setTitle("Slimfit \u2014 quantization wizard");
        if (owner != null) {
            d.initOwner(owner);
        }
        d.initModality(Modality.WINDOW_MODAL);
        d.setResizable(true);
        d.getDialogPane().setContent(new WizardView(vm));
        d.getDialogPane().getButtonTypes().addAll(APPLY, ButtonType.CANCEL);
        // Fit small screens (and the headless test screen): never larger than the visual bounds.
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        d.getDialogPane().setPrefSize(Math.min(1320, screen.getWidth() - 40), Math.min(880, screen.getHeight() - 80));
        Button apply = (Button) d.getDialogPane().lookupButton(APPLY);
        apply.setId("wizard-apply");
        apply.disableProperty().bind(vm.canApplyProperty().not());
        d.setResultConverter(b -> b == APPLY ? vm.chosenPlan().orElse(null) : null);
        d.setOnHidden(e -> vm.cancel());
        return d;
    }

    /** Shows the wizard and waits; the chosen plan, or empty when cancelled. */
    public static Optional<Plan> show(Window owner, WizardViewModel vm) {
        return create(owner, vm).showAndWait();
    }
}
