package dev.rockstar.tenancy.logging;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import java.util.logging.LogManager;

/**
 * A server's mapped diagnostic context, which its own formatters read: the tags are mirrored
 * there as keys {@value #TENANT}, {@value #REQUEST} and {@value #TAG} (both as one
 * {@code tenant=… request=…}, for a pattern that should print them only where they are set).
 */
interface DiagnosticContext {

    String TENANT = "tenant";
    String REQUEST = "request";
    String TAG = "tenancy";

    /** The servers without one: the tags go onto the records themselves ({@link TaggingHandler}). */
    DiagnosticContext NONE = new DiagnosticContext() {
        @Override
        public void put(LogTags.Tags tags) {}

        @Override
        public void clear() {}
    };

    void put(LogTags.Tags tags);

    void clear();

    /**
     * JBoss LogManager's MDC (WildFly), taken from the class loader of the log manager in use, so
     * that it is the one the server's handlers read whether or not the deployment sees that
     * module; empty under any other log manager.
     */
    static Optional<DiagnosticContext> ofLogManager() {
        Class<?> manager = LogManager.getLogManager().getClass();
        if (!manager.getName().startsWith("org.jboss.logmanager.")) {
            return Optional.empty();
        }
        try {
            Class<?> mdc = Class.forName("org.jboss.logmanager.MDC", true, manager.getClassLoader());
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle put =
                    lookup.findStatic(mdc, "put", MethodType.methodType(String.class, String.class, String.class));
            MethodHandle remove = lookup.findStatic(mdc, "remove", MethodType.methodType(String.class, String.class));
            return Optional.of(new JBossMdc(put, remove));
        } catch (ReflectiveOperationException notThere) {
            return Optional.empty();
        }
    }

    /** JBoss LogManager's MDC through method handles: the WAR compiles against no server's classes. */
    record JBossMdc(MethodHandle put, MethodHandle remove) implements DiagnosticContext {

        @Override
        public void put(LogTags.Tags tags) {
            set(TENANT, tags.tenant());
            set(REQUEST, tags.request());
            set(TAG, tags.text() + " ");
        }

        @Override
        public void clear() {
            set(TENANT, null);
            set(REQUEST, null);
            set(TAG, null);
        }

        private void set(String key, String value) {
            try {
                if (value == null) {
                    String previous = (String) remove.invokeExact(key);
                } else {
                    String previous = (String) put.invokeExact(key, value);
                }
            } catch (Throwable e) {
                throw new IllegalStateException("JBoss LogManager's MDC refused " + key, e);
            }
        }
    }
}
