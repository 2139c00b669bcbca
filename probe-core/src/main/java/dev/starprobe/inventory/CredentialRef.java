package dev.starprobe.inventory;

import dev.starprobe.spi.ScanOptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A credential in an inventory: a user name and a <em>reference</em> to the secret, {@code env:VAR} or
 * {@code file:PATH}, never the secret itself, so inventories can be committed and reports never hold
 * secrets. The reference is resolved when a scan starts.
 *
 * @param name      the name checks know it by ("admin", "mqtt")
 * @param user      the user name (not secret)
 * @param reference {@code env:VAR} or {@code file:PATH}
 */
public record CredentialRef(String name, String user, String reference) {
    /** secrets are short; a larger file is a wrong path, not a password */
    static final int MAX_SECRET_FILE = 4096;

    /** Why a reference is malformed, or null when it is fine. */
    static String problem(String reference) {
        if (reference.startsWith("env:") && reference.substring(4).matches("[A-Za-z_][A-Za-z0-9_]*")) return null;
        if (reference.startsWith("file:") && reference.length() > 5) return null;
        return "secret must be a reference, env:VARIABLE or file:PATH (secret values do not belong in inventory files)";
    }

    /**
     * @param env  environment lookup (System::getenv in production)
     * @param base directory relative file paths are resolved against (the inventory's)
     * @throws InventoryException naming the variable or file when the secret cannot be read
     */
    ScanOptions.Credential resolve(UnaryOperator<String> env, Path base) {
        if (reference.startsWith("env:")) {
            String var = reference.substring(4);
            String v = env.apply(var);
            if (v == null || v.isEmpty()) throw new InventoryException("environment variable " + var + " is not set");
            return new ScanOptions.Credential(user, v);
        }
        Path p = base.resolve(reference.substring(5));
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(MAX_SECRET_FILE + 1);
            if (b.length > MAX_SECRET_FILE) throw new InventoryException("secret file " + p + " is larger than " + MAX_SECRET_FILE + " bytes");
            // files written by editors and secret stores end with a newline that is not part of the secret
            String s = new String(b, StandardCharsets.UTF_8).replaceAll("[\r\n]+$", "");
            if (s.isEmpty()) throw new InventoryException("secret file " + p + " is empty");
            return new ScanOptions.Credential(user, s);
        } catch (IOException e) {
            throw new InventoryException("cannot read secret file " + p + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
