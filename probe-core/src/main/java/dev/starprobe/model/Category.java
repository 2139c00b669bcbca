package dev.starprobe.model;

/** The six JC-STAR product categories, plus general-purpose IT (out of scope) and unknown. */
public enum Category {
    CAMERA, SMART_HOME, NETWORK_EQUIPMENT, WEARABLE, INDUSTRIAL, ENERGY_STORAGE, EXCLUDED, UNKNOWN
}
