package dev.starprobe.lab;

import java.util.Set;

/** The check ids used in ground-truth expectations (the stock checks use exactly these names). */
public final class CheckIds {
    public static final String CLEARTEXT_TELNET = "cleartext.telnet";
    public static final String CLEARTEXT_HTTP_CREDENTIALS = "cleartext.http-credentials";
    public static final String CLEARTEXT_FTP = "cleartext.ftp";
    public static final String CLEARTEXT_MQTT = "cleartext.mqtt";
    public static final String CLEARTEXT_COAP = "cleartext.coap";
    public static final String CLEARTEXT_SNMP = "cleartext.snmp";
    public static final String TLS_PROTOCOLS = "tls.protocols";
    public static final String TLS_CIPHER_SUITES = "tls.cipher-suites";
    public static final String TLS_CERTIFICATE = "tls.certificate";
    public static final String DTLS_PROTOCOLS = "dtls.protocols";
    public static final String AUTH_DEFAULT_CREDENTIALS = "auth.default-credentials";
    public static final String AUTH_BRUTE_FORCE = "auth.brute-force";
    public static final String AUTH_BRUTE_FORCE_DEVICE = "auth.brute-force.device";
    public static final String AUTH_USER_ENUMERATION = "auth.user-enumeration";
    public static final String AUTH_UNAUTHENTICATED_ACCESS = "auth.unauthenticated-access";
    public static final String REPLAY_HTTP = "replay.http";
    public static final String REPLAY_MQTT = "replay.mqtt";
    public static final String REPLAY_COAP = "replay.coap";
    public static final String REPLAY_RTSP = "replay.rtsp";
    public static final String EXPOSURE_DEBUG_SERVICES = "exposure.debug-services";
    public static final String EXPOSURE_UPNP_IGD = "exposure.upnp-igd";
    public static final String EXPOSURE_INFO_DISCLOSURE = "exposure.info-disclosure";
    public static final String EXPOSURE_SSH_ROOT_LOGIN = "exposure.ssh-root-login";
    public static final String PRODUCT_MODEL_DESIGNATION = "product.model-designation";

    public static final Set<String> ALL = Set.of(CLEARTEXT_TELNET, CLEARTEXT_HTTP_CREDENTIALS, CLEARTEXT_FTP,
            CLEARTEXT_MQTT, CLEARTEXT_COAP, CLEARTEXT_SNMP, TLS_PROTOCOLS, TLS_CIPHER_SUITES, TLS_CERTIFICATE,
            DTLS_PROTOCOLS, AUTH_DEFAULT_CREDENTIALS, AUTH_BRUTE_FORCE, AUTH_BRUTE_FORCE_DEVICE, AUTH_USER_ENUMERATION,
            AUTH_UNAUTHENTICATED_ACCESS, REPLAY_HTTP, REPLAY_MQTT, REPLAY_COAP, REPLAY_RTSP,
            EXPOSURE_DEBUG_SERVICES,
            EXPOSURE_UPNP_IGD, EXPOSURE_INFO_DISCLOSURE, EXPOSURE_SSH_ROOT_LOGIN, PRODUCT_MODEL_DESIGNATION);

    private CheckIds() {}
}
