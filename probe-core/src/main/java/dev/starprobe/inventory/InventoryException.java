package dev.starprobe.inventory;

/** A malformed inventory or an unresolvable credential reference; the message is one line naming the file. */
public class InventoryException extends IllegalArgumentException {
    public InventoryException(String message) {
        super(message);
    }
}
