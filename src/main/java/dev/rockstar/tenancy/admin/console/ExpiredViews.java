package dev.rockstar.tenancy.admin.console;

import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * A POST whose view state the server does not know (the view expired, or the form was forged
 * without it) changed nothing; the operator gets the page afresh instead of an error: a redirect
 * to the same address, which a forger's page cannot read. Registered in {@code faces-config.xml}.
 */
public class ExpiredViews extends ExceptionHandlerFactory {

    public ExpiredViews(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    private static final class Handler extends ExceptionHandlerWrapper {

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            for (Iterator<ExceptionQueuedEvent> events =
                            getUnhandledExceptionQueuedEvents().iterator();
                    events.hasNext(); ) {
                if (events.next().getContext().getException() instanceof ViewExpiredException expired) {
                    events.remove();
                    redirectTo(expired.getViewId());
                }
            }
            getWrapped().handle();
        }

        private static void redirectTo(String viewId) {
            FacesContext faces = FacesContext.getCurrentInstance();
            ExternalContext external = faces.getExternalContext();
            try {
                String view = viewId == null || !viewId.startsWith("/admin/") ? "/admin/index.xhtml" : viewId;
                external.redirect(external.getRequestContextPath() + view);
                faces.responseComplete();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
