package dev.starprobe.model;

/** Whether a check ran; never mixed with what it found ({@link Verdict}). */
public enum ExecutionStatus { COMPLETED, ERROR, TIMED_OUT, SKIPPED, NOT_APPLICABLE, CANCELLED }
