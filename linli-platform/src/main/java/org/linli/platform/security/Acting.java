package org.linli.platform.security;

/**
 * Who acted, and for whom when they acted on someone else's authority (a family member for a parent). What a record of
 * an action keeps: the actor always, {@code actedFor} only when it is not the actor themself.
 *
 * @param actor the token subject of whoever acted
 * @param actedFor the principal whose authority they used, or null when they acted in their own right
 */
public record Acting(String actor, String actedFor) {

    /** Whether the actor acted for someone else. */
    public boolean forSomeoneElse() {
        return actedFor != null;
    }
}
