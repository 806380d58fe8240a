package org.linli.app.session;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

/** The person signed in on this request, from its session cookie (opened once per request). */
@RequestScoped
public class CurrentSession {

    private final HttpServerRequest request;
    private final SessionCookie cookies;
    private Optional<SignedInUser> user;

    CurrentSession(HttpServerRequest request, SessionCookie cookies) {
        this.request = request;
        this.cookies = cookies;
    }

    public Optional<SignedInUser> user() {
        if (user == null) {
            Cookie cookie = request.getCookie(cookies.name());
            user = cookies.open(cookie == null ? null : cookie.getValue());
        }
        return user;
    }
}
