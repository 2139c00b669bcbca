package dev.starprobe.cli;

/** Something the user supplied is wrong; the message is the one line printed before exit code 2. */
public class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }
}
