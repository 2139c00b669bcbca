package dev.starprobe.model;

public enum Severity { INFO, LOW, MEDIUM, HIGH, CRITICAL }
