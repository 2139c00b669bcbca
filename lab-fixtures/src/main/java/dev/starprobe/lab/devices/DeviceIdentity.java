package dev.starprobe.lab.devices;

/** What a device says about itself in its web UI, ONVIF, UPnP, SNMP and Modbus identification. */
public record DeviceIdentity(String manufacturer, String model, String firmware, String serial, String hardware) {}
