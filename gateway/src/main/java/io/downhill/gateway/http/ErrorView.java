package io.downhill.gateway.http;

/** Every error on the wire: what is wrong, and the field at fault (null when none is). */
public record ErrorView(String error, String field) {}
