package io.mortar.store.auth;

/**
 * What an access key is for: the server's first key, made at first start ({@link #ROOT}); a key a user made with
 * {@code mortar keys create} ({@link #USER}); a job run's or a crawl's temporary credential, which carries a session
 * token and ends with its run ({@link #RUN}).
 */
public enum KeyKind { ROOT, USER, RUN }
