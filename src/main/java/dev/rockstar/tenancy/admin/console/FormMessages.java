package dev.rockstar.tenancy.admin.console;

import dev.rockstar.tenancy.problems.ProblemException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.Map;

/** Faces messages of the console: a refusal next to the field it names, a success at the top, kept over a redirect. */
final class FormMessages {

    private FormMessages() {}

    /**
     * Shows a refusal of a control class next to its field.
     *
     * @param components the form's component id for each field a message may name ({@link ProblemFields})
     */
    static void refused(ProblemException problem, String formId, Map<String, String> components) {
        String field = ProblemFields.fieldOf(problem.getMessage());
        String component = field == null ? null : components.get(field);
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(
                component == null ? null : formId + ":" + component,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, problem.getMessage(), null));
        faces.validationFailed();
    }

    /** A confirmation that survives the redirect after the POST. */
    static void done(String text) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
        faces.getExternalContext().getFlash().setKeepMessages(true);
    }
}
