package dev.starprobe.plugins.exposure;

import dev.starprobe.model.Service;
import dev.starprobe.plugins.discovery.DnsSd;

import java.util.Locale;
import java.util.Map;

/**
 * Versions and unit identifiers a service already gave identification (banners, headers, sysDescr, UPnP
 * and ONVIF fields) or discovery (mDNS TXT): read from what was recorded, nothing is asked again.
 */
final class IdentityDisclosures {
    private final DisclosureRules rules;

    IdentityDisclosures(DisclosureRules rules) {
        this.rules = rules;
    }

    void fromIdentification(Service s, ServiceDisclosure d) {
        if (s.version() != null && s.product() != null) {
            d.version(s.product() + " " + s.version(), s.protocol() + " identification"
                    + (s.banner() == null ? "" : ": " + s.banner()));
        } else if (s.banner() != null) {
            for (String v : rules.versions(s.banner())) d.version(v, "banner: " + s.banner());
        }
        Map<String, String> a = s.attributes();
        rules.versionFields.forEach((key, label) -> {
            String value = a.get(key);
            if (value != null) d.version(value, label);
        });
        rules.versionAttributes.forEach((key, label) -> {
            String value = a.get(key);
            if (value != null) for (String v : rules.versions(value)) d.version(v, label + ": " + value);
        });
        rules.identifierAttributes.forEach((key, label) -> {
            String value = a.get(key);
            if (value != null) d.identifiers.add(label + " " + value);
        });
        fromTxt(a.get(DnsSd.HINT_TXT), d);
    }

    /** Identifiers the device announced to discovery (mDNS TXT), for the device as a whole. */
    void fromHints(Map<String, String> hints, ServiceDisclosure d) {
        fromTxt(hints.get(DnsSd.HINT_TXT), d);
    }

    private void fromTxt(String txt, ServiceDisclosure d) {
        if (txt == null) return;
        for (String kv : txt.split("; ")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && rules.identifierTxtKeys.contains(kv.substring(0, eq).toLowerCase(Locale.ROOT))) {
                d.identifiers.add("mDNS TXT " + kv);
            } else {
                for (String mac : rules.macs(kv)) d.identifiers.add("MAC address " + mac + " (mDNS TXT " + kv + ")");
            }
        }
    }
}
