package plenary.http;

import plenary.people.Principal;

/**
 * The signed-in person behind a request, and how they proved it. Only cookie-authenticated
 * requests need the CSRF token: a script with a bearer token cannot be ridden by another site.
 */
record Authenticated(Principal principal, String tokenHash, String csrfToken, boolean viaCookie) {
    static final String KEY = "plenary.auth";
}
