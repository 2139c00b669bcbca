package dev.starprobe.lab.proto;

/** Modbus Read Device Identification (function 43 / MEI 14) objects 0-2 (basic) and 3-5 (regular). */
public record ModbusDeviceId(String vendor, String productCode, String revision, String vendorUrl, String productName,
                             String modelName) {
    String object(int id) {
        return switch (id) {
            case 0 -> vendor;
            case 1 -> productCode;
            case 2 -> revision;
            case 3 -> vendorUrl;
            case 4 -> productName;
            case 5 -> modelName;
            default -> null;
        };
    }
}
