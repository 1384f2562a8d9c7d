package dev.rockstar.tenancy.admin.console;

import dev.rockstar.tenancy.problems.ProblemException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.Map;

/** Faces messages of the console: a refusal next to the field it names, a success at the top, kept over a redirect. */
final class FormMessages {

    private FormMessages() {}

    /**
     * Shows a refusal of a control class next to the field it names ({@link ProblemException#field()}),
     * or at the top of the form when it names none the form shows.
     *
     * @param components the form's component id for each field, by the field's name in the admin
     *     API ({@code "config.branding.primaryColor"}); a field the map lacks falls to the nearest
     *     enclosing one it has ({@code "hosts[1]"} to {@code "hosts"})
     */
    static void refused(ProblemException problem, String formId, Map<String, String> components) {
        refused(problem, formId, components, null);
    }

    /**
     * As {@link #refused(ProblemException, String, Map)}, with a refusal that names no field the form
     * shows placed next to {@code fallback} instead of at the top (an upload's problems belong to its
     * file field).
     */
    static void refused(ProblemException problem, String formId, Map<String, String> components, String fallback) {
        String component =
                problem.field().map(field -> componentOf(field, components)).orElse(fallback);
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(
                component == null ? null : formId + ":" + component,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, problem.getMessage(), null));
        faces.validationFailed();
    }

    /** The component of a field or of the nearest field that encloses it; {@code null} for none. */
    static String componentOf(String field, Map<String, String> components) {
        String path = field;
        while (!path.isEmpty()) {
            String component = components.get(path);
            if (component != null) {
                return component;
            }
            path = path.substring(0, Math.max(0, Math.max(path.lastIndexOf('.'), path.lastIndexOf('['))));
        }
        return null;
    }

    /** A confirmation that survives the redirect after the POST. */
    static void done(String text) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
        faces.getExternalContext().getFlash().setKeepMessages(true);
    }
}
