package dev.starprobe.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.starprobe.model.Category;
import dev.starprobe.model.StarLevel;
import dev.starprobe.spi.Safety;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an inventory file and rejects anything doubtful with one line naming the file, the device and
 * the problem: a nightly job must fail loudly on a typo rather than scan the wrong thing. Unknown keys
 * are errors for that reason.
 */
public final class InventoryParser {
    /** an inventory is hand-written; anything this big is the wrong file */
    static final long MAX_BYTES = 4L * 1024 * 1024;
    private static final Set<String> TOP_KEYS = Set.of("version", "devices");
    private static final Set<String> DEVICE_KEYS = Set.of("name", "address", "mac", "firmware", "services",
            "credentials", "category", "level", "allow");
    private static final Set<String> CREDENTIAL_KEYS = Set.of("user", "secret");
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final Pattern SERVICE = Pattern.compile("(tcp|udp)/(\\d{1,5})");
    private static final Pattern SERVICE_REVERSED = Pattern.compile("(\\d{1,5})/(tcp|udp)");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            // keep "1.10" as written: firmware versions are not numbers
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    public Inventory parse(Path file) {
        String where = "inventory " + file;
        JsonNode root;
        try {
            if (Files.size(file) > MAX_BYTES) throw new InventoryException(where + ": larger than " + MAX_BYTES + " bytes");
            root = yaml.readTree(file.toFile());
        } catch (NoSuchFileException e) {
            throw new InventoryException(where + ": no such file");
        } catch (JsonProcessingException e) {
            throw new InventoryException(where + ": not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new InventoryException(where + ": cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new InventoryException(where + ": expected a mapping with a 'devices' list");
        unknownKeys(root, TOP_KEYS, where);
        if (root.has("version") && root.get("version").asInt(-1) != 1) {
            throw new InventoryException(where + ": unsupported version '" + root.get("version").asText() + "' (this StarProbe reads version 1)");
        }
        JsonNode list = root.get("devices");
        if (list == null || !list.isArray() || list.isEmpty()) throw new InventoryException(where + ": 'devices' must be a non-empty list");
        List<InventoryDevice> devices = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String at = where + ": devices[" + i + "]" + (n.hasNonNull("name") ? " (" + n.get("name").asText() + ")" : "");
            InventoryDevice d = device(n, at);
            for (String key : keys(d)) {
                if (!seen.add(key)) throw new InventoryException(at + ": " + key + " appears twice in the inventory");
            }
            devices.add(d);
        }
        return new Inventory(file, devices);
    }

    private static List<String> keys(InventoryDevice d) {
        List<String> k = new ArrayList<>();
        if (d.address() != null) k.add("address " + d.address().getHostAddress());
        if (d.mac() != null) k.add("MAC " + d.mac());
        k.add("name '" + d.name() + "'");
        return k;
    }

    private InventoryDevice device(JsonNode n, String at) {
        if (!n.isObject()) throw new InventoryException(at + ": expected a mapping (name, address, mac, ...)");
        unknownKeys(n, DEVICE_KEYS, at);
        InetAddress address = n.hasNonNull("address") ? address(text(n, "address", at), at) : null;
        String mac = n.hasNonNull("mac") ? mac(text(n, "mac", at), at) : null;
        if (address == null && mac == null) throw new InventoryException(at + ": needs an 'address' or a 'mac'");
        String name = n.hasNonNull("name") ? text(n, "name", at) : (mac != null ? mac : address.getHostAddress());
        String firmware = n.hasNonNull("firmware") ? text(n, "firmware", at) : null;
        return new InventoryDevice(name, address, mac, firmware, services(n.get("services"), at),
                credentials(n.get("credentials"), at), enumOf(Category.class, n.get("category"), "category", at),
                enumOf(StarLevel.class, n.get("level"), "level", at), allow(n.get("allow"), at));
    }

    private static InetAddress address(String s, String at) {
        // literals only: an inventory entry must not depend on whatever DNS answers tonight
        if (!IP_LITERAL.matcher(s).matches()) throw new InventoryException(at + ": address '" + s + "' is not an IP address literal");
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new InventoryException(at + ": address '" + s + "' is not an IP address literal");
        }
    }

    static String mac(String s, String at) {
        String m = s.trim().toLowerCase(Locale.ROOT).replace('-', ':');
        if (!MAC.matcher(m).matches()) throw new InventoryException(at + ": mac '" + s + "' is not a MAC address like 02:00:c6:12:00:0c");
        return m;
    }

    private static List<String> services(JsonNode n, String at) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) return out;
        if (!n.isArray()) throw new InventoryException(at + ": 'services' must be a list like [tcp/80, udp/5683]");
        for (JsonNode s : n) {
            String v = s.asText().trim().toLowerCase(Locale.ROOT);
            var m = SERVICE.matcher(v);
            var r = SERVICE_REVERSED.matcher(v);
            String proto;
            int port;
            if (m.matches()) {
                proto = m.group(1);
                port = Integer.parseInt(m.group(2));
            } else if (r.matches()) {
                proto = r.group(2);
                port = Integer.parseInt(r.group(1));
            } else if (s.isIntegralNumber()) {
                proto = "tcp";
                port = s.asInt();
            } else {
                throw new InventoryException(at + ": service '" + s.asText() + "' is not like tcp/80 or udp/5683");
            }
            if (port < 1 || port > 65535) throw new InventoryException(at + ": service port " + port + " is out of range");
            out.add(proto + "/" + port);
        }
        return out;
    }

    private static List<CredentialRef> credentials(JsonNode n, String at) {
        List<CredentialRef> out = new ArrayList<>();
        if (n == null || n.isNull()) return out;
        if (!n.isObject()) throw new InventoryException(at + ": 'credentials' must map names to {user, secret}");
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonNode c = n.get(name);
            String cat = at + ": credential '" + name + "'";
            if (!c.isObject()) throw new InventoryException(cat + ": expected {user: ..., secret: env:VAR or file:PATH}");
            unknownKeys(c, CREDENTIAL_KEYS, cat);
            if (!c.hasNonNull("secret")) throw new InventoryException(cat + ": needs a 'secret' reference (env:VAR or file:PATH)");
            String ref = c.get("secret").asText();
            String problem = CredentialRef.problem(ref);
            // the value is not echoed: if someone put a real password here, it must not land in a CI log
            if (problem != null) throw new InventoryException(cat + ": " + problem);
            out.add(new CredentialRef(name, c.path("user").asText(""), ref));
        }
        return out;
    }

    private static Set<Safety> allow(JsonNode n, String at) {
        Set<Safety> out = EnumSet.noneOf(Safety.class);
        if (n == null || n.isNull()) return out;
        if (!n.isArray()) throw new InventoryException(at + ": 'allow' must be a list of intrusive, brute, disruptive");
        for (JsonNode s : n) {
            Safety v = enumOf(Safety.class, s, "allow", at);
            if (v != Safety.SAFE) out.add(v);
        }
        return out;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode n, String key, String at) {
        if (n == null || n.isNull()) return null;
        String v = n.asText().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) names.add(c.name().toLowerCase(Locale.ROOT));
            throw new InventoryException(at + ": " + key + " '" + n.asText() + "' is not one of " + String.join(", ", names));
        }
    }

    private static String text(JsonNode n, String key, String at) {
        JsonNode v = n.get(key);
        if (!v.isValueNode()) throw new InventoryException(at + ": '" + key + "' must be a single value");
        String s = v.isBigDecimal() ? v.decimalValue().toPlainString() : v.asText();
        if (s.isBlank()) throw new InventoryException(at + ": '" + key + "' is empty");
        return s.trim();
    }

    private static void unknownKeys(JsonNode n, Set<String> allowed, String at) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new InventoryException(at + ": unknown key '" + k + "' (expected " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }
}
