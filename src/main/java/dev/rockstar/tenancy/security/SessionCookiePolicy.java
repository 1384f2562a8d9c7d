package dev.rockstar.tenancy.security;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

/**
 * The session cookie: {@code HttpOnly}, {@code SameSite=Lax}, and {@code Secure} whenever the
 * request came over HTTPS (the servlet container's default). Set here as well as in
 * {@code web.xml}: some containers honour only the programmatic form of Servlet 6 attributes.
 */
@WebListener
public class SessionCookiePolicy implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
    }
}
