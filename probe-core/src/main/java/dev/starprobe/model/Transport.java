package dev.starprobe.model;

public enum Transport { TCP, UDP }
