package org.linli.platform.events;

/** A record on a topic that is not a Linli event: it goes to the dead-letter topic, the channel goes on. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }
}
