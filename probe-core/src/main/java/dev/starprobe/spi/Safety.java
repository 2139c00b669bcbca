package dev.starprobe.spi;

/**
 * How much a check may disturb a device. Anything above SAFE runs only when the user allows it
 * (per run or per device), because lockout tests lock owners out and fragile stacks crash.
 */
public enum Safety {
    /** reads what any client may read; a handful of connections */
    SAFE,
    /** changes state or sends unusual requests (writes a register, calls a UPnP action) */
    INTRUSIVE,
    /** repeated authentication attempts; may trigger lockout */
    BRUTE,
    /** may crash or reboot the device (malformed input, floods) */
    DISRUPTIVE
}
