package dev.starprobe.lab.proto;

import dev.starprobe.lab.auth.LoginGate;
import java.util.Map;
import java.util.Set;

/**
 * What a Telnet debug shell looks like: banner, login prompt, accounts (through the device's login gate;
 * {@code passwordless} users get a shell without a password prompt), the shell prompt and canned command output.
 */
public record TelnetShell(String banner, String hostname, String prompt, LoginGate gate, Set<String> passwordless,
                          Map<String, String> commands) {
    public TelnetShell {
        passwordless = Set.copyOf(passwordless);
        commands = Map.copyOf(commands);
    }
}
