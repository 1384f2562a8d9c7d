package dev.rockstar.tenancy.admin.console;

import dev.rockstar.tenancy.problems.ProblemException;
import dev.rockstar.tenancy.security.ConsoleSignIn;
import dev.rockstar.tenancy.users.control.CredentialBounds;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/** The console's sign-in form and its sign-out button, with the admin API's operator credentials. */
@Named
@RequestScoped
public class SignIn {

    @Inject
    ConsoleSignIn signIn;

    @Inject
    HttpServletRequest request;

    private String username;
    private String password;
    private boolean oversized;

    public String signIn() {
        if (oversized) { // never checked, counted or audited, and not shown back in the form
            return refused("Wrong username or password");
        }
        boolean signedIn;
        try {
            signedIn = signIn.signIn(
                    request,
                    (jakarta.servlet.http.HttpServletResponse) FacesContext.getCurrentInstance()
                            .getExternalContext()
                            .getResponse(),
                    username,
                    password);
        } catch (ProblemException throttled) {
            return refused(throttled.getMessage());
        }
        return signedIn ? "/admin/index.xhtml?faces-redirect=true" : refused("Wrong username or password");
    }

    private String refused(String message) {
        password = null;
        FacesContext.getCurrentInstance()
                .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
        return null;
    }

    public String signOut() {
        signIn.signOut(request);
        return "/admin/login.xhtml?faces-redirect=true";
    }

    /** Only a console operator: a tenant user's login on the (public) sign-in page is not one. */
    public String getOperator() {
        return ConsoleSignIn.operator(request);
    }

    public String getUsername() {
        return username;
    }

    /** A value over its bound ({@link CredentialBounds}) is not kept: the form may carry megabytes. */
    public void setUsername(String username) {
        this.username = bounded(username, CredentialBounds.MAX_USERNAME_BYTES);
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = bounded(password, CredentialBounds.MAX_PASSWORD_BYTES);
    }

    private String bounded(String value, int maxBytes) {
        if (CredentialBounds.fits(value, maxBytes)) {
            return value;
        }
        oversized = true;
        return null;
    }
}
