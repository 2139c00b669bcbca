package dev.starprobe.engine;

/** Result of a TCP connect probe. FILTERED: no answer at all within the connect timeout. */
public enum PortState { OPEN, CLOSED, FILTERED, ERROR }
