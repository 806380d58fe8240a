package org.linli.canteen.domain;

/** What the deliverer found at the door. */
public enum WelfareCheck {
    /** Delivered; the elder is well. */
    OK,
    /** Delivered; something worried the deliverer (the note stays in canteen-service). */
    CONCERN,
    /** Nobody answered: not delivered. */
    NO_ANSWER;

    public boolean delivered() {
        return this != NO_ANSWER;
    }
}
