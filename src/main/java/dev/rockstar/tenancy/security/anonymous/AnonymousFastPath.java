package dev.rockstar.tenancy.security.anonymous;

import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.security.auth.message.config.ClientAuthConfig;
import jakarta.security.auth.message.config.ServerAuthConfig;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;

/**
 * A Jakarta Authentication provider in front of the one Jakarta Security registered for the
 * application. Once an application has an {@code HttpAuthenticationMechanism}, the server calls
 * Jakarta Authentication on every request, and the bridge to the mechanism looks the bean manager
 * up in JNDI twice per request (building an exception with a stack trace each time) before the
 * mechanism can say it has nothing to do: a tenth of a plain request's time.
 *
 * <p>A request the mechanism could only answer with "nobody" is answered here at once, with an
 * empty subject, which every server takes as the unauthenticated caller, exactly as it takes the
 * mechanism's {@code doNothing()}: one that is not for a protected resource, carries no session id
 * and is not a login the application started ({@code SecurityContext.authenticate},
 * {@code HttpServletRequest.authenticate}, both of which mark the call mandatory, Soteria also by a
 * request attribute). Everything else, and every response and logout of a request that was
 * handed on, goes to the registered provider unchanged.
 */
public final class AnonymousFastPath implements AuthConfigProvider {

    static final String MANDATORY = "jakarta.security.auth.message.MessagePolicy.isMandatory";
    // Soteria's marks of a login it runs within the request (its Jaspic.IS_AUTHENTICATION, AUTH_PARAMS)
    static final String AUTHENTICATING = "org.glassfish.soteria.security.message.request.authentication";
    static final String AUTH_PARAMETERS = "org.glassfish.soteria.security.message.request.authParams";

    /** Where a request's answer is kept in its {@link MessageInfo}: this class, or the delegate's context. */
    private static final String HANDLED_BY = AnonymousFastPath.class.getName();

    private final AuthConfigProvider registered;

    public AnonymousFastPath(AuthConfigProvider registered) {
        this.registered = registered;
    }

    /** Whether the mechanism could only answer "nobody" to this request, so need not be asked. */
    static boolean authenticatesNobody(MessageInfo message) {
        if (!(message.getRequestMessage() instanceof HttpServletRequest request)) {
            return false;
        }
        return !Boolean.parseBoolean(String.valueOf(message.getMap().get(MANDATORY)))
                && request.getRequestedSessionId() == null
                && request.getAttribute(AUTHENTICATING) == null
                && request.getAttribute(AUTH_PARAMETERS) == null;
    }

    @Override
    public ServerAuthConfig getServerAuthConfig(String layer, String appContext, CallbackHandler handler)
            throws AuthException {
        return new Config(registered, layer, appContext, handler);
    }

    @Override
    public ClientAuthConfig getClientAuthConfig(String layer, String appContext, CallbackHandler handler)
            throws AuthException {
        return registered.getClientAuthConfig(layer, appContext, handler);
    }

    @Override
    public void refresh() {
        registered.refresh();
    }

    /**
     * One per container handler. The registered provider's own configuration is made with the same
     * handler, never shared across handlers: WildFly passes a handler per request, and a module
     * initialised with another request's handler would call back into the wrong request.
     */
    private static final class Config implements ServerAuthConfig {

        private final AuthConfigProvider registered;
        private final String layer;
        private final String appContext;
        private final CallbackHandler handler;
        private final Context context = new Context(this);
        private volatile ServerAuthConfig delegate;

        Config(AuthConfigProvider registered, String layer, String appContext, CallbackHandler handler) {
            this.registered = registered;
            this.layer = layer;
            this.appContext = appContext;
            this.handler = handler;
        }

        ServerAuthConfig delegate() throws AuthException {
            ServerAuthConfig config = delegate;
            if (config == null) {
                config = registered.getServerAuthConfig(layer, appContext, handler);
                delegate = config;
            }
            return config;
        }

        ServerAuthContext delegateContext(MessageInfo message) throws AuthException {
            ServerAuthConfig config = delegate();
            return config.getAuthContext(config.getAuthContextID(message), null, Map.of());
        }

        @Override
        public ServerAuthContext getAuthContext(
                String authContextID, Subject serviceSubject, Map<String, Object> properties) {
            return context;
        }

        @Override
        public String getAuthContextID(MessageInfo message) {
            // the delegate's id would need its configuration before a request needs it
            return appContext;
        }

        @Override
        public String getMessageLayer() {
            return layer;
        }

        @Override
        public String getAppContext() {
            return appContext;
        }

        @Override
        public void refresh() {
            delegate = null;
        }

        @Override
        public boolean isProtected() {
            return true;
        }
    }

    /** Stateless: what a request was answered with is kept in its own {@link MessageInfo}. */
    private static final class Context implements ServerAuthContext {

        private final Config config;

        Context(Config config) {
            this.config = config;
        }

        @Override
        public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service) throws AuthException {
            if (authenticatesNobody(message)) {
                message.getMap().put(HANDLED_BY, HANDLED_BY);
                return AuthStatus.SUCCESS;
            }
            ServerAuthContext delegate = config.delegateContext(message);
            message.getMap().put(HANDLED_BY, delegate);
            return delegate.validateRequest(message, client, service);
        }

        @Override
        public AuthStatus secureResponse(MessageInfo message, Subject service) throws AuthException {
            Object handledBy = message.getMap().get(HANDLED_BY);
            if (HANDLED_BY.equals(handledBy)) {
                return AuthStatus.SEND_SUCCESS;
            }
            return delegateOf(message, handledBy).secureResponse(message, service);
        }

        @Override
        public void cleanSubject(MessageInfo message, Subject subject) throws AuthException {
            // a logout: always the mechanism's, whatever the request was answered with
            delegateOf(message, message.getMap().get(HANDLED_BY)).cleanSubject(message, subject);
        }

        private ServerAuthContext delegateOf(MessageInfo message, Object handledBy) throws AuthException {
            return handledBy instanceof ServerAuthContext delegate ? delegate : config.delegateContext(message);
        }
    }
}
