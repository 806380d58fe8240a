package org.linli.resident.service;

import org.linli.resident.domain.Consent;
import org.linli.resident.domain.Resident;

/**
 * A resident's consent was withdrawn (a CDI event, observed in the withdrawal's transaction): what rested on it ends
 * with it, in the same commit.
 */
public record ConsentWithdrawn(Resident resident, Consent consent) {
}
